package io.ultraline.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinePlotTest {

    @TempDir
    Path dir;

    @Test
    void writesAPngThatDecodesAndShowsTheSeries() throws Exception {
        double[] x = {0, 1, 2, 3, 4};
        Path file = dir.resolve("p.png");
        new LinePlot("t", "seconds", "ms")
                .add(new LinePlot.Series("a", new Color(0xd62728), x, new double[] {10, 20, -1, 40, 50}))
                .mark(new LinePlot.Marker(2, "kill -9"))
                .write(file);
        assertThat(Files.size(file)).isGreaterThan(0);
        BufferedImage img = ImageIO.read(file.toFile());
        assertThat(img).isNotNull();
        assertThat(img.getWidth()).isGreaterThan(100);
        assertThat(count(img, 0xd62728)).as("pixels in the series colour").isGreaterThan(50);
    }

    @Test
    void anEmptySeriesStillRenders() throws Exception {
        Path file = dir.resolve("empty.png");
        new LinePlot("t", "s", "y")
                .add(new LinePlot.Series("none", Color.RED, new double[0], new double[0]))
                .write(file);
        assertThat(ImageIO.read(file.toFile())).isNotNull();
    }

    @Test
    void niceStepsAreOneTwoOrFive() {
        assertThat(LinePlot.niceStep(0.7)).isEqualTo(1.0);
        assertThat(LinePlot.niceStep(1.3)).isEqualTo(2.0);
        assertThat(LinePlot.niceStep(37)).isEqualTo(50.0);
        assertThat(LinePlot.niceStep(120)).isEqualTo(200.0);
    }

    @Test
    void aRunsFourPlotsAreWritten() throws Exception {
        List<Sample> t = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            t.add(new Sample(i * 1000L, i * 10L, i * 9L, 0, i, i / 2, 100 + i, 200 + i, 300 + i, new long[] {
                500_000 + i, i < 10 ? 600_000 : -1
            }));
        }
        LoadTestResult r = new LoadTestResult(
                "plot-test",
                "x",
                "now",
                "p.",
                "p.ultraline",
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(),
                null,
                List.of(),
                t);
        Plots.write(r, 10_000, 3_000, dir);
        for (String f : Plots.FILES) {
            assertThat(ImageIO.read(dir.resolve(f).toFile())).as(f).isNotNull();
        }
    }

    private static int count(BufferedImage img, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xffffff) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }
}
