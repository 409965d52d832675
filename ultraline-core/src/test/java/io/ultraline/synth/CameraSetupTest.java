package io.ultraline.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CameraSetupTest {

    @Test
    void randomSetupsAreReproducibleAndValid() {
        for (MaterialFamily f : MaterialFamily.values()) {
            CameraSetup a = CameraSetup.random(f, 77);
            assertThat(CameraSetup.random(f, 77)).isEqualTo(a);
            assertThat(CameraSetup.random(f, 78)).isNotEqualTo(a);
            assertThat(a.family()).isEqualTo(f);
            assertThat(a.noiseLevel()).isBetween(0.006, 0.02);
        }
    }

    @Test
    void rejectsOutOfRangeValues() {
        Rgb grey = new Rgb(0.5f, 0.5f, 0.5f);
        assertThatThrownBy(() -> new CameraSetup(MaterialFamily.TILES, grey, 0, 0, 0.1, 0.01, 1))
                .hasMessageContaining("textureScale");
        assertThatThrownBy(() -> new CameraSetup(MaterialFamily.TILES, grey, 1, 0, 1.5, 0.01, 1))
                .hasMessageContaining("lightStrength");
        assertThatThrownBy(() -> new CameraSetup(MaterialFamily.TILES, grey, 1, 0, 0.1, -1, 1))
                .hasMessageContaining("noiseLevel");
        assertThatThrownBy(() -> new CameraSetup(null, grey, 1, 0, 0.1, 0.01, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Rgb(1.2f, 0, 0)).hasMessageContaining("[0, 1]");
    }

    @Test
    void coloursRoundTripThroughHex() {
        assertThat(Rgb.hex("#1d6b3a").toHex()).isEqualTo("#1d6b3a");
        assertThatThrownBy(() -> Rgb.hex("green")).hasMessageContaining("#rrggbb");
    }
}
