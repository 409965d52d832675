package io.ultraline.synth;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * A photographed surface sample: a GIMP pattern ({@code .pat}, as Debian's {@code gimp-data}
 * ships under /usr/share/gimp/2.0/patterns) or any image ImageIO reads (PNG, JPEG), held as
 * interleaved RGB in [0, 1].
 *
 * @param name   the sample's name (the file name without its extension)
 * @param width  pixels
 * @param height pixels
 * @param rgb    {@code width * height * 3} values
 */
public record SurfaceImage(String name, int width, int height, float[] rgb) {

    /** Larger samples are refused: a surface sample is a tile, not a decompression bomb. */
    static final int MAX_SIDE = 4096;

    private static final int PAT_MAGIC = 0x47504154; // "GPAT"

    public SurfaceImage {
        if (width < 8 || height < 8 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("surface sample '" + name + "' must be 8.." + MAX_SIDE
                    + " pixels a side, got " + width + "x" + height);
        }
        if (rgb.length != width * height * 3) {
            throw new IllegalArgumentException("rgb must hold width * height * 3 values");
        }
    }

    /** Reads a GIMP pattern or an image file. */
    public static SurfaceImage read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String base = file.getFileName().toString().replaceFirst("\\.[^.]+$", "");
        if (bytes.length >= 24 && ByteBuffer.wrap(bytes, 20, 4).getInt() == PAT_MAGIC) {
            return gimpPattern(base, bytes);
        }
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
        if (img == null) {
            throw new IOException(file + " is neither a GIMP pattern nor an image ImageIO can read");
        }
        float[] rgb = new float[img.getWidth() * img.getHeight() * 3];
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                int i = 3 * (y * img.getWidth() + x);
                rgb[i] = ((p >> 16) & 255) / 255f;
                rgb[i + 1] = ((p >> 8) & 255) / 255f;
                rgb[i + 2] = (p & 255) / 255f;
            }
        }
        return new SurfaceImage(base, img.getWidth(), img.getHeight(), rgb);
    }

    /**
     * GIMP pattern, version 1: a big-endian header (header size, version, width, height, bytes per
     * pixel 1..4, "GPAT", a NUL-terminated name, not needed here) and then the raw pixels (grey, grey+alpha, RGB or
     * RGBA; alpha is dropped).
     */
    static SurfaceImage gimpPattern(String name, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int headerSize = b.getInt();
        int version = b.getInt();
        int width = b.getInt();
        int height = b.getInt();
        int bpp = b.getInt();
        if (version != 1 || bpp < 1 || bpp > 4 || headerSize < 24 || headerSize > bytes.length) {
            throw new IOException("unsupported GIMP pattern: version " + version + ", " + bpp
                    + " bytes per pixel, header " + headerSize + " bytes");
        }
        if (width < 8 || height < 8 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new IOException(
                    "GIMP pattern is " + width + "x" + height + "; 8.." + MAX_SIDE + " a side is accepted");
        }
        long need = (long) headerSize + (long) width * height * bpp;
        if (need > bytes.length) {
            throw new IOException("GIMP pattern is truncated: " + bytes.length + " bytes, " + need + " needed");
        }
        float[] rgb = new float[width * height * 3];
        boolean grey = bpp < 3;
        for (int i = 0; i < width * height; i++) {
            int at = headerSize + i * bpp;
            for (int c = 0; c < 3; c++) {
                rgb[3 * i + c] = (bytes[at + (grey ? 0 : c)] & 255) / 255f;
            }
        }
        return new SurfaceImage(name, width, height, rgb);
    }
}
