package io.ultraline.defect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PatchDescriptorTest {

    /** One reference at a time, each sum in value order, stopping once it passes the best. */
    private static float oneByOne(float[] v, float[][] reference) {
        float best = Float.POSITIVE_INFINITY;
        for (float[] r : reference) {
            float d = 0;
            for (int i = 0; i < v.length && d < best; i++) {
                float e = v[i] - r[i];
                d += e * e;
            }
            best = Math.min(best, d);
        }
        return (float) Math.sqrt(best / (v.length / 3));
    }

    private static float[][] descriptors(SplittableRandom r, int count, int length) {
        float[][] out = new float[count][length];
        for (float[] d : out) {
            for (int i = 0; i < length; i++) {
                d[i] = (float) r.nextDouble();
            }
        }
        return out;
    }

    @Test
    void theNearestIsTheSameFloatAsComparingOneReferenceAtATime() {
        SplittableRandom r = new SplittableRandom(11);
        for (int radius = 0; radius <= 2; radius++) {
            int length = 3 * (2 * radius + 1) * (2 * radius + 1);
            for (int count : new int[] {1, 7, 256}) {
                float[][] reference = descriptors(r, count, length);
                PatchDescriptor.Reference laidOut = new PatchDescriptor.Reference(reference);
                for (float[] v : descriptors(r, 50, length)) {
                    assertThat(Float.floatToIntBits(laidOut.nearest(v)))
                            .as("radius %d, %d references", radius, count)
                            .isEqualTo(Float.floatToIntBits(oneByOne(v, reference)));
                }
                assertThat(laidOut.nearest(reference[count / 2])).isZero();
            }
        }
    }

    @Test
    void descriptorsOfAnotherLengthAreRefused() {
        assertThatThrownBy(() -> new PatchDescriptor.Reference(new float[][] {new float[3], new float[27]}))
                .hasMessageContaining("3 and 27");
        PatchDescriptor.Reference reference = new PatchDescriptor.Reference(new float[][] {new float[3]});
        assertThatThrownBy(() -> reference.nearest(new float[27])).hasMessageContaining("27 values against 3");
    }
}
