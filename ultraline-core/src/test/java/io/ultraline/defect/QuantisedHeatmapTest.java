package io.ultraline.defect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class QuantisedHeatmapTest {

    @Test
    void roundTripStaysWithinHalfALevel() {
        float[] map = new Gaussians(31).tokens(14 * 14, 1, 3f, 10f);

        QuantisedHeatmap heatmap = QuantisedHeatmap.quantise(map, 14, 14);

        double range = heatmap.max() - heatmap.min();
        float[] back = heatmap.dequantise();
        for (int i = 0; i < map.length; i++) {
            assertThat((double) back[i]).as("cell %d", i).isCloseTo(map[i], within(range / 510 + 1e-5));
        }
    }

    @Test
    void extremesMapToTheEndLevelsAndBackExactly() {
        float[] map = {-2f, 0.5f, 7f, 1f};

        QuantisedHeatmap heatmap = QuantisedHeatmap.quantise(map, 2, 2);

        assertThat(heatmap.min()).isEqualTo(-2f);
        assertThat(heatmap.max()).isEqualTo(7f);
        assertThat(heatmap.values()[0]).isEqualTo((byte) 0);
        assertThat(heatmap.values()[2]).isEqualTo((byte) 255);
        assertThat(heatmap.value(0)).isEqualTo(-2f);
        assertThat(heatmap.value(2)).isEqualTo(7f);
        // the Avro Heatmap contract: value = min + q * (max - min) / 255
        int q = heatmap.values()[1] & 0xff;
        assertThat(q).isEqualTo(71); // 2.5 / 9 * 255 = 70.83
        assertThat(heatmap.value(1)).isCloseTo(-2f + q * 9f / 255f, within(1e-6f));
    }

    @Test
    void aConstantMapComesBackExactly() {
        QuantisedHeatmap heatmap = QuantisedHeatmap.quantise(new float[] {4f, 4f, 4f}, 1, 3);

        assertThat(heatmap.min()).isEqualTo(4f);
        assertThat(heatmap.max()).isEqualTo(4f);
        assertThat(heatmap.dequantise()).containsExactly(4f, 4f, 4f);
    }

    @Test
    void rejectsBadMaps() {
        assertThatThrownBy(() -> QuantisedHeatmap.quantise(new float[] {1f, Float.NaN}, 1, 2))
                .hasMessageContaining("non-finite");
        assertThatThrownBy(() -> QuantisedHeatmap.quantise(new float[3], 2, 2)).hasMessageContaining("needs 4 values");
        assertThatThrownBy(() -> new QuantisedHeatmap(1, 1, 2f, 1f, new byte[1]))
                .hasMessageContaining("min <= max");
    }
}
