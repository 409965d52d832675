package io.ultraline.model.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ultraline.model.weights.WeightTensor;
import org.junit.jupiter.api.Test;

class PositionEmbeddingTest {

    @Test
    void sameGridIsUnchanged() {
        WeightTensor pos = WeightTensor.of(new float[] {1, 2, 3, 4, 5}, 1, 5, 1);
        assertThat(PositionEmbedding.resize(pos, 2, 2, true)).isSameAs(pos);
    }

    @Test
    void constantFieldStaysConstantAndClsIsKept() {
        int from = 4;
        float[] data = new float[(from * from + 1) * 2];
        java.util.Arrays.fill(data, 3f);
        data[0] = -7f;
        data[1] = 9f;
        WeightTensor out = PositionEmbedding.resize(WeightTensor.of(data, 1, from * from + 1, 2), from, 7, true);
        assertThat(out.shape()).containsExactly(1, 50, 2);
        assertThat(out.data()[0]).isEqualTo(-7f);
        assertThat(out.data()[1]).isEqualTo(9f);
        for (int i = 2; i < out.data().length; i++) {
            assertThat(out.data()[i]).isCloseTo(3f, within(1e-5f));
        }
    }

    /**
     * Worked by hand: with a = -0.75 (PyTorch's bicubic) the weights at fraction 0.75 are
     * -0.03515625, 0.26171875, 0.87890625, -0.10546875, so sampling the ramp f = x + 2y at source
     * (1.75, 1.75) gives 1.703125 + 2 * 1.703125 = 5.109375 (a = -0.75 does not reproduce lines).
     */
    @Test
    void rampSampleMatchesTheHandComputedCubicWeights() {
        int from = 8;
        int to = 16;
        float[] data = new float[from * from];
        for (int y = 0; y < from; y++) {
            for (int x = 0; x < from; x++) {
                data[y * from + x] = x + 2 * y;
            }
        }
        WeightTensor out = PositionEmbedding.resize(WeightTensor.of(data, 1, from * from, 1), from, to, false);
        assertThat(out.data()[4 * to + 4]).isEqualTo(5.109375f);
        for (int x = 1; x < to; x++) {
            assertThat(out.data()[8 * to + x]).isGreaterThan(out.data()[8 * to + x - 1]);
        }
    }
}
