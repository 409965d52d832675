package io.ultraline.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DefectPainterTest {

    private static final int N = 128;
    private static final int THRESHOLD = (int) Math.round(DefectPainter.MASK_THRESHOLD * 255);

    private final FrameGenerator generator = new FrameGenerator();

    @ParameterizedTest
    @EnumSource(MaterialFamily.class)
    void everyDefectChangesPixelsOnlyInsideItsMaskAndVisiblyInsideIt(MaterialFamily family) {
        for (long seed = 1; seed <= 3; seed++) {
            // Without sensor noise the frames differ exactly by what the painter did.
            CameraSetup camera = CameraSetup.random(family, seed).withNoise(0);
            for (DefectType type : DefectType.values()) {
                String what = family + " " + type + " seed " + seed;
                SyntheticFrame good = generator.good(camera, seed * 10, N);
                SyntheticFrame bad = generator.generate(camera, seed * 10, type, N);
                int[] diff = Pixels.maxChannelDiff(good.image(), bad.image());
                boolean[] mask = bad.mask();
                int inside = 0, visible = 0;
                long sum = 0;
                for (int i = 0; i < diff.length; i++) {
                    if (mask[i]) {
                        inside++;
                        visible += diff[i] >= THRESHOLD - 1 ? 1 : 0;
                        sum += diff[i];
                    } else {
                        assertThat(diff[i])
                                .as("%s: change outside the mask at %d", what, i)
                                .isLessThanOrEqualTo(THRESHOLD);
                    }
                }
                assertThat(inside).as(what + " mask area").isBetween(10, (int) (0.1 * N * N));
                assertThat(visible).as(what + " visibly changed mask pixels").isGreaterThanOrEqualTo((int)
                        (0.97 * inside));
                assertThat((double) sum / inside)
                        .as(what + " mean change in the mask")
                        .isGreaterThan(14);
                assertThat(bad.defects()).singleElement().satisfies(d -> {
                    assertThat(d.type()).isEqualTo(type);
                    assertThat(d.area()).isEqualTo(bad.maskArea());
                    assertTightBox(d.box(), mask);
                });
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DefectType.class)
    void sizesArePlausibleAndPositionsVary(DefectType type) {
        List<Double> areas = new ArrayList<>();
        double[] cx = new double[12];
        for (int k = 0; k < cx.length; k++) {
            MaterialFamily family = MaterialFamily.values()[k % MaterialFamily.values().length];
            SyntheticFrame f = generator.generate(CameraSetup.random(family, 500 + k), k, type, N);
            areas.add(f.maskArea() / (double) (N * N));
            Box b = f.defects().get(0).box();
            cx[k] = b.x() + b.width() / 2.0;
        }
        Collections.sort(areas);
        double median = areas.get(areas.size() / 2);
        boolean thin = type == DefectType.SCRATCH || type == DefectType.CRACK || type == DefectType.PARTICLE;
        assertThat(median).as(type + " median area fraction").isBetween(thin ? 0.002 : 0.006, thin ? 0.03 : 0.06);
        assertThat(areas.get(areas.size() - 1)).as(type + " largest").isLessThan(0.1);
        assertThat(Pixels.std(cx)).as(type + " spread of positions").isGreaterThan(N * 0.1);
    }

    private static void assertTightBox(Box box, boolean[] mask) {
        boolean top = false, bottom = false, left = false, right = false;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                int x = i % N, y = i / N;
                assertThat(box.contains(x, y))
                        .as("mask pixel (%d, %d) in %s", x, y, box)
                        .isTrue();
                top |= y == box.y();
                bottom |= y == box.y() + box.height() - 1;
                left |= x == box.x();
                right |= x == box.x() + box.width() - 1;
            }
        }
        assertThat(new boolean[] {top, bottom, left, right})
                .as("box %s touches the mask on all sides", box)
                .containsOnly(true);
    }
}
