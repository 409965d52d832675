package io.ultraline.defect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConfigValidationTest {

    @Test
    void profileConfigNamesTheBadValue() {
        assertThatThrownBy(() -> new ProfileConfig(0, 0.99f, 1.1f, 5, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxBankSize");
        assertThatThrownBy(() -> new ProfileConfig(4096, 0f, 1.1f, 5, 1)).hasMessageContaining("quantile");
        assertThatThrownBy(() -> new ProfileConfig(4096, 1.01f, 1.1f, 5, 1)).hasMessageContaining("quantile");
        assertThatThrownBy(() -> new ProfileConfig(4096, Float.NaN, 1.1f, 5, 1)).hasMessageContaining("quantile");
        assertThatThrownBy(() -> new ProfileConfig(4096, 0.99f, 0f, 5, 1)).hasMessageContaining("margin");
        assertThatThrownBy(() -> new ProfileConfig(4096, 0.99f, Float.POSITIVE_INFINITY, 5, 1))
                .hasMessageContaining("margin");
        assertThatThrownBy(() -> new ProfileConfig(4096, 0.99f, 1.1f, 1, 1)).hasMessageContaining("folds");
    }

    @Test
    void regionConfigNamesTheBadValue() {
        assertThatThrownBy(() -> new RegionConfig(0f, 0.25f)).hasMessageContaining("lowFactor");
        assertThatThrownBy(() -> new RegionConfig(1.5f, 0.25f)).hasMessageContaining("lowFactor");
        assertThatThrownBy(() -> new RegionConfig(0.6f, -0.1f)).hasMessageContaining("maxConceptFraction");
        assertThatThrownBy(() -> new RegionConfig(0.6f, Float.NaN)).hasMessageContaining("maxConceptFraction");
    }

    @Test
    void defaultsAreValid() {
        assertThat(ProfileConfig.defaults().maxBankSize()).isEqualTo(4096);
        assertThat(RegionConfig.defaults().lowFactor()).isEqualTo(0.6f);
    }
}
