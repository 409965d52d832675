package io.ultraline.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FrameGeneratorTest {

    private static final List<DefectType> TWO = List.of(DefectType.CRACK, DefectType.STAIN);

    @ParameterizedTest
    @EnumSource(MaterialFamily.class)
    void sameInputsGiveTheSamePixelsAndMasksEvenFromAFreshGenerator(MaterialFamily family) {
        CameraSetup setup = CameraSetup.random(family, 42);
        SyntheticFrame a = new FrameGenerator().generate(setup, 7, TWO, 96);
        FrameGenerator other = new FrameGenerator();
        other.good(setup, 1, 96); // warm its cache with the same surface
        SyntheticFrame b = other.generate(setup, 7, TWO, 96);

        assertThat(Pixels.rgb(b.image())).isEqualTo(Pixels.rgb(a.image()));
        assertThat(b.mask()).isEqualTo(a.mask());
        assertThat(b.defects()).isEqualTo(a.defects());
    }

    @Test
    void differentFrameSeedsGiveDifferentFramesOfTheSameSurface() {
        CameraSetup quiet = CameraSetup.defaults(MaterialFamily.TILES, 3).withNoise(0);
        FrameGenerator g = new FrameGenerator();
        SyntheticFrame a = g.good(quiet, 1, 128);
        SyntheticFrame b = g.good(quiet, 2, 128);
        // No sensor noise here: the difference is pose and light alone.
        assertThat(Pixels.rgb(b.image())).isNotEqualTo(Pixels.rgb(a.image()));
        SyntheticFrame d1 = g.generate(quiet, 1, DefectType.SCRATCH, 128);
        SyntheticFrame d2 = g.generate(quiet, 2, DefectType.SCRATCH, 128);
        assertThat(d2.mask()).isNotEqualTo(d1.mask());
    }

    @Test
    void differentCameraSeedsGiveDifferentSurfaces() {
        FrameGenerator g = new FrameGenerator();
        BufferedImage a = g.good(
                        CameraSetup.defaults(MaterialFamily.CIRCUIT_BOARD, 1).withNoise(0), 5, 128)
                .image();
        BufferedImage b = g.good(
                        CameraSetup.defaults(MaterialFamily.CIRCUIT_BOARD, 2).withNoise(0), 5, 128)
                .image();
        assertThat(Pixels.blockMad(a, b, 1)).isGreaterThan(0.03);
    }

    @Test
    void goodFramesHaveAnEmptyMaskAndNoDefects() {
        SyntheticFrame f = new FrameGenerator().good(CameraSetup.defaults(MaterialFamily.GRANULAR, 1), 9, 64);
        assertThat(f.defective()).isFalse();
        assertThat(f.defects()).isEmpty();
        assertThat(f.maskArea()).isZero();
        assertThat(f.image().getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(f.image().getWidth()).isEqualTo(64);
        assertThat(f.image().getHeight()).isEqualTo(64);
    }

    @Test
    void defectsLeaveTheRestOfTheFrameAlone() {
        // Pose, light and noise have their own streams, so adding a defect changes nothing else.
        CameraSetup setup = CameraSetup.random(MaterialFamily.WOOD_GRAIN, 11);
        FrameGenerator g = new FrameGenerator();
        SyntheticFrame good = g.good(setup, 4, 128);
        SyntheticFrame bad = g.generate(setup, 4, TWO, 128);
        int[] diff = Pixels.maxChannelDiff(good.image(), bad.image());
        boolean[] mask = bad.mask();
        for (int i = 0; i < diff.length; i++) {
            if (!mask[i]) {
                assertThat(diff[i]).as("pixel %d outside the mask", i).isLessThanOrEqualTo(12);
            }
        }
        assertThat(bad.defects()).extracting(Defect::type).containsExactlyElementsOf(TWO);
    }

    @Test
    void masksAndImagesAreCopiesTheCallerCannotCorrupt() {
        SyntheticFrame f =
                new FrameGenerator().generate(CameraSetup.defaults(MaterialFamily.PAINTED, 1), 1, DefectType.HOLE, 64);
        int area = f.maskArea();
        java.util.Arrays.fill(f.mask(), true);
        assertThat(f.maskArea()).isEqualTo(area);
        BufferedImage m = f.maskImage();
        assertThat(m.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        int set = 0;
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                set += m.getRaster().getSample(x, y, 0) == 255 ? 1 : 0;
            }
        }
        assertThat(set).isEqualTo(area);
    }

    @Test
    void rejectsSizesOutsideTheSupportedRange() {
        FrameGenerator g = new FrameGenerator();
        CameraSetup s = CameraSetup.defaults(MaterialFamily.TILES, 1);
        assertThatThrownBy(() -> g.good(s, 1, 16))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("size");
        assertThatThrownBy(() -> g.good(s, 1, 4096)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> g.generate(null, 1, List.of(), 64)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void largerFramesShowTheSameSurfaceAtHigherResolution() {
        CameraSetup s = CameraSetup.defaults(MaterialFamily.WOOD_GRAIN, 5).withNoise(0);
        FrameGenerator g = new FrameGenerator();
        BufferedImage small = g.good(s, 3, 64).image();
        BufferedImage large = g.good(s, 3, 128).image();
        BufferedImage halved = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                int r = 0, gr = 0, b = 0;
                for (int k = 0; k < 4; k++) {
                    int p = large.getRGB(2 * x + k % 2, 2 * y + k / 2);
                    r += (p >> 16) & 255;
                    gr += (p >> 8) & 255;
                    b += p & 255;
                }
                halved.setRGB(x, y, (r / 4) << 16 | (gr / 4) << 8 | b / 4);
            }
        }
        // Poses differ by frame size only in scale; block means agree closely.
        assertThat(Pixels.blockMad(small, halved, 8)).isLessThan(0.05);
    }
}
