package io.ultraline.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ImageTextureTest {

    /** A 10 x 10 sample whose red channel is x / 10 and green y / 10. */
    private static SurfaceImage ramp() {
        float[] rgb = new float[10 * 10 * 3];
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 10; x++) {
                rgb[3 * (y * 10 + x)] = x / 10f;
                rgb[3 * (y * 10 + x) + 1] = y / 10f;
            }
        }
        return new SurfaceImage("ramp", 10, 10, rgb);
    }

    @Test
    void tilesTheSampleWithItsPeriodAtOnePixelPerUnit() {
        int size = 40;
        float[] canvas = new float[size * size * 3];
        new ImageTexture(ramp()).render(canvas, size, new SplittableRandom(3), new SceneParams(Rgb.hex("#808080"), 1));
        for (int y = 0; y < size - 10; y += 7) {
            for (int x = 0; x < size - 10; x += 5) {
                for (int c = 0; c < 3; c++) {
                    assertThat(canvas[3 * (y * size + x + 10) + c])
                            .isCloseTo(canvas[3 * (y * size + x) + c], within(1e-6f));
                    assertThat(canvas[3 * ((y + 10) * size + x) + c])
                            .isCloseTo(canvas[3 * (y * size + x) + c], within(1e-6f));
                }
            }
        }
        float min = 1;
        float max = 0;
        for (int i = 0; i < size * size; i++) {
            min = Math.min(min, canvas[3 * i]);
            max = Math.max(max, canvas[3 * i]);
        }
        assertThat(max - min)
                .as("the sample's own values, not a palette colour")
                .isGreaterThan(0.5f);
    }

    @Test
    void framesOfAPhotographedSurfaceAreDeterministicAndMovingSurfacesDiffer() {
        FrameGenerator g = new FrameGenerator(new ImageTexture(ramp()));
        assertThat(g.surfaceSample()).isEqualTo("ramp");
        CameraSetup cam = CameraSetup.defaults(MaterialFamily.GRANULAR, 4);
        SyntheticFrame a = g.generate(cam, 9, List.of(DefectType.STAIN), 64);
        SyntheticFrame b = new FrameGenerator(new ImageTexture(ramp())).generate(cam, 9, List.of(DefectType.STAIN), 64);
        assertThat(a.image().getRGB(0, 0, 64, 64, null, 0, 64))
                .containsExactly(b.image().getRGB(0, 0, 64, 64, null, 0, 64));
        DatasetOptions moving = new DatasetOptions(1, 4, 2, 64, 0.5, MaterialFamily.GRANULAR, true);
        CameraSetup first = DatasetPlan.view(cam, moving, 1);
        CameraSetup second = DatasetPlan.view(cam, moving, 2);
        assertThat(first.seed()).isNotEqualTo(second.seed());
        assertThat(first.baseColour()).isEqualTo(cam.baseColour());
        assertThat(DatasetPlan.view(cam, new DatasetOptions(1, 4, 2, 64, 0.5, MaterialFamily.GRANULAR), 2))
                .isSameAs(cam);
    }
}
