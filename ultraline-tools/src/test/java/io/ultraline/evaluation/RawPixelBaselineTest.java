package io.ultraline.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawPixelBaselineTest {

    private static final int W = 64;
    private static final int H = 48;

    @TempDir
    Path root;

    /** Stripes with noise; a defect is a red square at (x0, y0). */
    private static BufferedImage frame(long seed, int x0, int y0) {
        SplittableRandom r = new SplittableRandom(seed);
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int v = 90 + 40 * ((x / 4) % 2) + r.nextInt(12);
                boolean odd = x0 >= 0 && x >= x0 && x < x0 + 12 && y >= y0 && y < y0 + 12;
                img.setRGB(x, y, odd ? 0xff2020 : (v << 16) | (v << 8) | v);
            }
        }
        return img;
    }

    private static BufferedImage mask(int x0, int y0) {
        BufferedImage m = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = y0; y < y0 + 12; y++) {
            for (int x = x0; x < x0 + 12; x++) {
                m.getRaster().setSample(x, y, 0, 255);
            }
        }
        return m;
    }

    @Test
    void scoresAResizedDatasetAndSeparatesItsDefects() throws IOException {
        Files.createDirectories(root.resolve("calibration"));
        Files.createDirectories(root.resolve("test"));
        for (int i = 0; i < 4; i++) {
            ImageIO.write(
                    frame(i, -1, -1),
                    "png",
                    root.resolve("calibration/c" + i + ".png").toFile());
        }
        StringBuilder labels = new StringBuilder("image,mask,label\n");
        for (int i = 0; i < 6; i++) {
            boolean bad = i % 2 == 1;
            int x0 = 6 + 7 * i;
            int y0 = 4 + 5 * i;
            ImageIO.write(
                    frame(100 + i, bad ? x0 : -1, y0),
                    "png",
                    root.resolve("test/t" + i + ".png").toFile());
            if (bad) {
                ImageIO.write(
                        mask(x0, y0), "png", root.resolve("test/m" + i + ".png").toFile());
            }
            labels.append("t")
                    .append(i)
                    .append(".png,")
                    .append(bad ? "m" + i + ".png" : "")
                    .append(',')
                    .append(bad ? 1 : 0)
                    .append('\n');
        }
        Files.writeString(root.resolve("test/labels.csv"), labels);

        Map<String, Object> m = new RawPixelBaseline(32).evaluate(LabelledDataset.open(root));

        assertThat(m)
                .containsOnlyKeys(
                        "baseline_pixels_image_auroc",
                        "baseline_pixels_pixel_auroc",
                        "baseline_pixels_bank_size",
                        "baseline_pixels_seconds");
        assertThat((double) m.get("baseline_pixels_image_auroc")).isEqualTo(1.0);
        // the pixel map, brought back from 32 px to 64 x 48, lands on the masks
        assertThat((double) m.get("baseline_pixels_pixel_auroc")).isGreaterThan(0.9);
        // 32 px, 8 px patches at stride 4: 7 x 7 patches per calibration frame
        assertThat(m.get("baseline_pixels_bank_size")).isEqualTo(4 * 49);
        assertThat((double) m.get("baseline_pixels_seconds")).isPositive();
    }

    @Test
    void refusesAnInputSmallerThanOnePatch() {
        assertThatThrownBy(() -> new RawPixelBaseline(6)).hasMessageContaining("smaller than the 8 px patch");
    }
}
