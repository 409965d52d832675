package io.ultraline.frame;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Reads and writes image files (PNG, JPEG) with messages that name the file. */
public final class ImageFiles {

    private ImageFiles() {}

    public static BufferedImage read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("image file " + file + " does not exist");
        }
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new IOException("image file " + file + " could not be decoded: " + e.getMessage(), e);
        }
        if (img == null) {
            throw new IOException("image file " + file + " is not a PNG or JPEG this JVM can read");
        }
        return img;
    }

    /** The image as PNG bytes (in memory, so an I/O failure can only be a missing writer). */
    public static byte[] pngBytes(BufferedImage img) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, "png", out)) {
                throw new IllegalStateException("no PNG writer for a " + img.getType() + " image");
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static void writePng(BufferedImage img, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IOException("no PNG writer for " + file);
        }
    }
}
