package io.ultraline.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SurfaceImageTest {

    @TempDir
    Path tmp;

    /** A version-1 GIMP pattern as gimp-data ships them; pixel i has value (i * 7 + channel) mod 256. */
    static byte[] gimpPattern(int w, int h, int bpp, String name) {
        byte[] n = (name + "\0").getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(24 + n.length + w * h * bpp);
        b.putInt(24 + n.length)
                .putInt(1)
                .putInt(w)
                .putInt(h)
                .putInt(bpp)
                .put("GPAT".getBytes(StandardCharsets.US_ASCII));
        b.put(n);
        for (int i = 0; i < w * h; i++) {
            for (int c = 0; c < bpp; c++) {
                b.put((byte) (i * 7 + c));
            }
        }
        return b.array();
    }

    @Test
    void readsRgbGimpPatternsPixelForPixel() throws IOException {
        Path f = Files.write(tmp.resolve("granite.pat"), gimpPattern(10, 9, 3, "Granite #1"));
        SurfaceImage s = SurfaceImage.read(f);
        assertThat(s.name()).isEqualTo("granite");
        assertThat(s.width()).isEqualTo(10);
        assertThat(s.height()).isEqualTo(9);
        int i = 37;
        for (int c = 0; c < 3; c++) {
            assertThat(s.rgb()[3 * i + c]).isEqualTo(((i * 7 + c) & 255) / 255f);
        }
    }

    @Test
    void greyAndAlphaPatternsBecomeRgbWithoutAlpha() throws IOException {
        SurfaceImage grey = SurfaceImage.read(Files.write(tmp.resolve("g.pat"), gimpPattern(8, 8, 1, "g")));
        assertThat(grey.rgb()[3 * 5]).isEqualTo(grey.rgb()[3 * 5 + 2]).isEqualTo(35 / 255f);
        SurfaceImage rgba = SurfaceImage.read(Files.write(tmp.resolve("a.pat"), gimpPattern(8, 8, 4, "a")));
        assertThat(rgba.rgb()[3 * 5 + 2]).isEqualTo(37 / 255f);
    }

    @Test
    void truncatedOrForeignPatternsAreRefusedWithTheReason() throws IOException {
        byte[] whole = gimpPattern(16, 16, 3, "x");
        Path cut = Files.write(tmp.resolve("cut.pat"), Arrays.copyOf(whole, whole.length - 5));
        assertThatThrownBy(() -> SurfaceImage.read(cut))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("truncated");
        byte[] v2 = whole.clone();
        v2[7] = 2;
        Path other = Files.write(tmp.resolve("v2.pat"), v2);
        assertThatThrownBy(() -> SurfaceImage.read(other)).hasMessageContaining("version 2");
        byte[] huge = whole.clone();
        ByteBuffer.wrap(huge).putInt(8, 100_000);
        Path bomb = Files.write(tmp.resolve("bomb.pat"), huge);
        assertThatThrownBy(() -> SurfaceImage.read(bomb)).hasMessageContaining("100000x16");
        Path text = Files.writeString(tmp.resolve("notes.png"), "not an image");
        assertThatThrownBy(() -> SurfaceImage.read(text)).hasMessageContaining("neither");
    }

    @Test
    void readsPngTiles() throws IOException {
        BufferedImage img = new BufferedImage(12, 8, BufferedImage.TYPE_INT_RGB);
        img.setRGB(3, 2, 0x102030);
        Path f = tmp.resolve("tile.png");
        ImageIO.write(img, "png", f.toFile());
        SurfaceImage s = SurfaceImage.read(f);
        int i = 3 * (2 * 12 + 3);
        assertThat(new float[] {s.rgb()[i], s.rgb()[i + 1], s.rgb()[i + 2]})
                .containsExactly(0x10 / 255f, 0x20 / 255f, 0x30 / 255f);
    }

    @Test
    void samplesFolderHoldsOutNamedSurfacesAndCatchesTypos() throws IOException {
        Files.createDirectories(tmp.resolve("lib/Stone"));
        Files.write(tmp.resolve("lib/Stone/granite.pat"), gimpPattern(8, 8, 3, "a"));
        Files.write(tmp.resolve("lib/Stone/slate.pat"), gimpPattern(8, 8, 1, "b"));
        Files.writeString(tmp.resolve("lib/README"), "not a sample");
        assertThat(SurfaceSamples.read(tmp.resolve("lib"), List.of()).stream().map(SurfaceImage::name))
                .containsExactly("granite", "slate");
        assertThat(SurfaceSamples.read(tmp.resolve("lib"), List.of("slate")).stream()
                        .map(SurfaceImage::name))
                .containsExactly("granite");
        assertThatThrownBy(() -> SurfaceSamples.read(tmp.resolve("lib"), List.of("slat")))
                .hasMessageContaining("'slat' is not in");
    }
}
