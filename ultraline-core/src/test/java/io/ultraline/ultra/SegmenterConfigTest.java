package io.ultraline.ultra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SegmenterConfigTest {

    @Test
    void theDefaultJointStepHalvesTheTokenLengthAndSaysSoOnlyWhenChanged() {
        SegmenterConfig defaults = SegmenterConfig.defaults();

        assertThat(defaults.tokenLengthExponent()).isEqualTo(0.5);
        assertThat(defaults.describe()).isEqualTo("joint, up to 8");
        assertThat(defaults.withTokenLengthExponent(1).describe()).isEqualTo("joint, up to 8, token length^1.0");
        assertThat(defaults.withTokenLengthExponent(1).maxConcepts()).isEqualTo(8);
    }

    @Test
    void theExponentMustLieBetweenZeroAndOne() {
        SegmenterConfig defaults = SegmenterConfig.defaults();

        assertThat(defaults.withTokenLengthExponent(0).tokenLengthExponent()).isZero();
        for (double bad : new double[] {-0.1, 1.5, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> defaults.withTokenLengthExponent(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("tokenLengthExponent must be between 0 and 1");
        }
    }
}
