package io.ultraline.defect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlaceSwitchTest {

    private static final int D = 8;
    private final PlaceFrames surface = new PlaceFrames(16, D, 3);

    @Test
    void aFixedDesignSwitchesPlaceOn() {
        PlaceSwitch s = PlaceSwitch.measure(surface.fixed(12, 1), D);
        assertThat(s.share()).isEqualTo(1f);
        assertThat(s.limit()).isEqualTo(PlaceSwitch.LIMIT);
        assertThat(s.on()).isTrue();
    }

    @Test
    void aRandomSurfaceSwitchesPlaceOff() {
        PlaceSwitch s = PlaceSwitch.measure(surface.random(12, 2), D);
        // a look drawn at random sits at home by chance, one time in 16
        assertThat(s.share()).isLessThan(0.2f);
        assertThat(s.on()).isFalse();
    }

    @Test
    void tokensOfPureNoiseInManyDimensionsSwitchPlaceOff() {
        // every distance is nearly the same here: the median ratio (1.043) would have said on
        java.util.SplittableRandom r = new java.util.SplittableRandom(9);
        List<float[]> frames = new java.util.ArrayList<>();
        for (int f = 0; f < 8; f++) {
            float[] tokens = new float[64 * 768];
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = (float) r.nextGaussian();
            }
            frames.add(tokens);
        }
        assertThat(PlaceSwitch.measure(frames, 768).on()).isFalse();
    }

    @Test
    void decidesAgainstTheRecordedLimit() {
        assertThat(new PlaceSwitch(0.5f, 0.5f).on()).isTrue();
        assertThat(new PlaceSwitch(0.49f, 0.5f).on()).isFalse();
        assertThatThrownBy(() -> new PlaceSwitch(Float.NaN, 0.5f)).hasMessageContaining("share");
        assertThatThrownBy(() -> PlaceSwitch.measure(List.of(new float[D]), D)).hasMessageContaining("2 frames");
    }
}
