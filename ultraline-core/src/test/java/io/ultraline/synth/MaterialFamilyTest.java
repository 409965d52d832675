package io.ultraline.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MaterialFamilyTest {

    private final FrameGenerator generator = new FrameGenerator();

    /** A flat grey camera with no light gradient and no noise: only the texture varies. */
    private static CameraSetup bare(MaterialFamily f, long seed) {
        return new CameraSetup(f, new Rgb(0.6f, 0.6f, 0.6f), 1, 0, 0, 0, seed);
    }

    @ParameterizedTest
    @EnumSource(MaterialFamily.class)
    void everyFamilyRendersAStructuredImage(MaterialFamily family) {
        for (long seed = 1; seed <= 3; seed++) {
            BufferedImage img = generator.good(bare(family, seed), 1, 128).image();
            assertThat(Pixels.std(Pixels.luma(img)))
                    .as("%s seed %d luma std-dev", family, seed)
                    .isGreaterThan(0.025);
            Set<Integer> levels = new HashSet<>();
            for (int p : Pixels.rgb(img)) {
                levels.add(p & 0xffffff);
            }
            // Grey surface, no noise: distinct values are distinct grey levels.
            assertThat(levels.size()).as("%s distinct grey levels", family).isGreaterThan(30);
        }
    }

    @Test
    void familiesDifferInTextureEvenInTheSameColour() {
        Map<MaterialFamily, double[]> sig = new EnumMap<>(MaterialFamily.class);
        for (MaterialFamily f : MaterialFamily.values()) {
            sig.put(f, signature(generator.good(bare(f, 1), 1, 128).image()));
        }
        for (MaterialFamily a : MaterialFamily.values()) {
            for (MaterialFamily b : MaterialFamily.values()) {
                if (a.ordinal() < b.ordinal()) {
                    assertThat(relativeDistance(sig.get(a), sig.get(b)))
                            .as("%s vs %s", a, b)
                            .isGreaterThan(0.25);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(MaterialFamily.class)
    void goodFramesOfOneCameraAreCloserToEachOtherThanToOtherFamilies(MaterialFamily family) {
        for (long seed = 1; seed <= 2; seed++) {
            CameraSetup camera = CameraSetup.defaults(family, seed);
            BufferedImage first = generator.good(camera, 100, 128).image();
            double within = 0;
            for (long frame = 101; frame <= 104; frame++) {
                within = Math.max(
                        within,
                        Pixels.blockMad(
                                first, generator.good(camera, frame, 128).image(), 8));
            }
            for (MaterialFamily other : MaterialFamily.values()) {
                if (other != family) {
                    BufferedImage o = generator
                            .good(CameraSetup.defaults(other, seed), 100, 128)
                            .image();
                    assertThat(Pixels.blockMad(first, o, 8))
                            .as("%s vs %s", family, other)
                            .isGreaterThan(within);
                }
            }
            assertThat(within).as("%s frame-to-frame change", family).isLessThan(0.12);
        }
    }

    @Test
    void parsesNamesInEitherSpelling() {
        assertThat(MaterialFamily.parse("brushed-metal")).isEqualTo(MaterialFamily.BRUSHED_METAL);
        assertThat(MaterialFamily.parse(" Circuit_Board ")).isEqualTo(MaterialFamily.CIRCUIT_BOARD);
        assertThatThrownBy(() -> MaterialFamily.parse("marble"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("wood-grain");
    }

    /** Luma std-dev, weaker and stronger directional gradient, and a two-pixel gradient. */
    private static double[] signature(BufferedImage img) {
        int n = img.getWidth();
        double[] l = Pixels.luma(img);
        double gx = 0, gy = 0, g2 = 0;
        for (int y = 0; y < n - 2; y++) {
            for (int x = 0; x < n - 2; x++) {
                gx += Math.abs(l[y * n + x + 1] - l[y * n + x]);
                gy += Math.abs(l[(y + 1) * n + x] - l[y * n + x]);
                g2 += Math.abs(l[y * n + x + 2] - l[y * n + x]) + Math.abs(l[(y + 2) * n + x] - l[y * n + x]);
            }
        }
        double k = (n - 2) * (n - 2);
        return new double[] {Pixels.std(l), Math.min(gx, gy) / k, Math.max(gx, gy) / k, g2 / k / 2};
    }

    private static double relativeDistance(double[] a, double[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]) / Math.max(a[i], b[i]));
        }
        return d;
    }
}
