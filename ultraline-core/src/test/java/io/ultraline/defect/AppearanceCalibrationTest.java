package io.ultraline.defect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AppearanceCalibrationTest {

    private static final int D = 4;
    private static final ProfileConfig CONFIG = new ProfileConfig(64, 1f, 1.1f, 3, 5, new AppearanceConfig(500, 16));

    private static ProfileBuilder builder(ProfileConfig config, int frames, boolean inputs) {
        Gaussians g = new Gaussians(3);
        ProfileBuilder b = new ProfileBuilder(config, D);
        for (int i = 0; i < frames; i++) {
            b.add(g.tokens(4, D, 0f, 1f), inputs ? AppearanceBank.quantise(AppearanceTestFrames.good(40 + i)) : null);
        }
        return b;
    }

    @Test
    void framesWithInputsGiveAChannelWithOneHeldOutScoreEachAndItsThreshold() {
        ReferenceProfile p = builder(CONFIG, 6, true).build(1, Instant.EPOCH);

        AppearanceChannel a = p.appearance();
        assertThat(a).isNotNull();
        assertThat(a.calibrationScores()).hasSize(6);
        float max = 0;
        for (float s : a.calibrationScores()) {
            assertThat(s).isPositive();
            max = Math.max(max, s);
        }
        // quantile 1 x margin 1.1
        assertThat(a.threshold()).isEqualTo(max * 1.1f);
        assertThat(a.bank().size()).isLessThanOrEqualTo(500);
        assertThat(a.bank().imageSize()).isEqualTo(AppearanceTestFrames.SIZE);
        // a spot the good frames never showed crosses the channel's threshold, a new good frame does not
        AppearanceBank bank = a.bank();
        assertThat(bank.score(AppearanceBank.quantise(AppearanceTestFrames.withSpot(77, 9, 9)))
                        .frameScore())
                .isGreaterThan(a.threshold());
        assertThat(bank.score(AppearanceBank.quantise(AppearanceTestFrames.good(77)))
                        .frameScore())
                .isLessThan(a.threshold());
    }

    @Test
    void theProfileThresholdIsTheFusedScoresAndWithoutTheChannelItIsTheTokenProfile() {
        ReferenceProfile fused = builder(CONFIG, 6, true).build(1, Instant.EPOCH);
        ReferenceProfile tokens = builder(CONFIG, 6, false).build(1, Instant.EPOCH);
        AppearanceChannel a = fused.appearance();

        float[] expected = new float[6];
        float[] own = tokens.calibrationScores();
        float max = 0;
        for (int i = 0; i < 6; i++) {
            expected[i] = a.fuse(own[i], a.calibrationScores()[i]);
            max = Math.max(max, expected[i]);
        }
        assertThat(fused.calibrationScores()).containsExactly(expected);
        assertThat(fused.threshold()).isEqualTo(max * 1.1f);
        // both channels weigh alike at their own thresholds
        assertThat(a.scale() * a.threshold()).isCloseTo(tokens.threshold(), org.assertj.core.data.Offset.offset(1e-4f));
        assertThat(fused.withoutAppearance()).isEqualTo(tokens);
    }

    @Test
    void isDeterministicSoThatAnAuditCanRebuildIt() {
        byte[] one = ProfileCodec.encode(builder(CONFIG, 5, true).build(1, Instant.EPOCH));
        byte[] two = ProfileCodec.encode(builder(CONFIG, 5, true).build(1, Instant.EPOCH));

        assertThat(one).isEqualTo(two);
    }

    @Test
    void noChannelWhenAFrameLacksItsInputOrTheConfigurationTurnsItOff() {
        ProfileBuilder mixed = builder(CONFIG, 4, true);
        mixed.add(new Gaussians(9).tokens(4, D, 0f, 1f));

        assertThat(mixed.build(1, Instant.EPOCH).appearance()).isNull();
        assertThat(builder(CONFIG.withAppearance(AppearanceConfig.off()), 4, true)
                        .build(1, Instant.EPOCH)
                        .appearance())
                .isNull();
        assertThat(builder(CONFIG, 4, false).build(1, Instant.EPOCH).appearance())
                .isNull();
    }

    @Test
    void anInputThatIsNotASquareImageIsRefused() {
        ProfileBuilder b = new ProfileBuilder(CONFIG, D);

        assertThatThrownBy(() -> b.add(new float[D], new byte[100]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a square RGB image");
    }
}
