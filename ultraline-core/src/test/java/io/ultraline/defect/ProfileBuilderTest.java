package io.ultraline.defect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProfileBuilderTest {

    private static final int D = 16;
    private static final int N = 16;
    private static final Instant CREATED = Instant.parse("2025-03-01T10:15:30.123456Z");

    private static ReferenceProfile calibrate(ProfileConfig config, int frames, long seed) {
        Gaussians g = new Gaussians(seed);
        ProfileBuilder builder = new ProfileBuilder(config, D);
        for (int k = 0; k < frames; k++) {
            builder.add(g.tokens(N, D, 0f, 1f));
        }
        return builder.build(7L, CREATED);
    }

    @Test
    void heldOutThresholdSeparatesAShiftedClusterFromNormalFrames() {
        ReferenceProfile profile = calibrate(ProfileConfig.defaults(), 20, 11);
        Gaussians fresh = new Gaussians(12);

        int normalAbove = 0;
        for (int i = 0; i < 50; i++) {
            float score =
                    TokenScorer.frameScore(TokenScorer.tokenScores(profile.bank(), fresh.tokens(N, D, 0f, 1f), D));
            normalAbove += score > profile.threshold() ? 1 : 0;
        }
        assertThat(normalAbove).as("normal frames above the threshold").isLessThanOrEqualTo(3);

        for (int i = 0; i < 20; i++) {
            float[] frame = fresh.tokens(N, D, 0f, 1f);
            float[] shifted = fresh.tokens(2, D, 2.5f, 1f);
            System.arraycopy(shifted, 0, frame, 5 * D, shifted.length);
            float score = TokenScorer.frameScore(TokenScorer.tokenScores(profile.bank(), frame, D));
            assertThat(score).as("frame %d with two shifted tokens", i).isGreaterThan(profile.threshold());
        }
    }

    @Test
    void calibrationFramesAreScoredWithoutTheirOwnTokens() {
        // the bank is big enough to keep every token: against it, a frame's own tokens score 0
        ReferenceProfile profile = calibrate(new ProfileConfig(10_000, 0.99f, 1.1f, 5, 42), 10, 13);
        assertThat(profile.bankSize()).isEqualTo(10 * N);

        assertThat(profile.calibrationScores()).hasSize(10);
        assertThat(min(profile.calibrationScores())).isGreaterThan(1f);
        assertThat(profile.threshold()).isGreaterThan(1f);
        assertThat(profile.threshold()).isEqualTo(profile.calibratedThreshold());
        assertThat(profile.thresholdOverridden()).isFalse();
    }

    @Test
    void thresholdIsTheQuantileOfHeldOutScoresTimesTheMargin() {
        ReferenceProfile profile = calibrate(new ProfileConfig(4096, 1f, 1.25f, 5, 42), 8, 14);

        float max = TokenScorer.frameScore(profile.calibrationScores());
        assertThat(profile.threshold()).isEqualTo(max * 1.25f);
        assertThat(profile.thresholdQuantile()).isEqualTo(1f);
        assertThat(profile.thresholdMargin()).isEqualTo(1.25f);
    }

    @Test
    void recordsWhatItWasBuiltFrom() {
        ReferenceProfile profile = calibrate(new ProfileConfig(64, 0.9f, 1.1f, 4, 1), 12, 15);

        assertThat(profile.bankSize()).isEqualTo(64);
        assertThat(profile.frameCount()).isEqualTo(12);
        assertThat(profile.tokenDim()).isEqualTo(D);
        assertThat(profile.version()).isEqualTo(7L);
        assertThat(profile.created()).isEqualTo(Instant.parse("2025-03-01T10:15:30.123Z"));
    }

    @Test
    void fewerFramesThanFoldsFallsBackToLeaveOneFrameOut() {
        ReferenceProfile profile = calibrate(ProfileConfig.defaults(), 2, 16);

        assertThat(profile.calibrationScores()).hasSize(2);
        assertThat(min(profile.calibrationScores())).isPositive();
    }

    @Test
    void isDeterministic() {
        ProfileConfig config = new ProfileConfig(50, 0.99f, 1.1f, 3, 5);

        assertThat(calibrate(config, 9, 17)).isEqualTo(calibrate(config, 9, 17));
    }

    @Test
    void thresholdOverrideKeepsEverythingElse() {
        ReferenceProfile profile = calibrate(ProfileConfig.defaults(), 6, 18);

        ReferenceProfile overridden = profile.withThreshold(42f);

        assertThat(overridden.threshold()).isEqualTo(42f);
        assertThat(overridden.thresholdOverridden()).isTrue();
        assertThat(overridden.calibratedThreshold()).isEqualTo(profile.threshold());
        assertThat(overridden.bank()).isEqualTo(profile.bank());
        assertThat(overridden.version()).isEqualTo(profile.version());
        assertThat(overridden.withThreshold(profile.threshold())).isEqualTo(profile);
        assertThatThrownBy(() -> profile.withThreshold(Float.NaN))
                .hasMessageContaining("threshold must be finite and >= 0");
    }

    @Test
    void rejectsTooFewFramesAndWrongSizes() {
        ProfileBuilder builder = new ProfileBuilder(ProfileConfig.defaults(), D);
        builder.add(new float[N * D]);

        assertThatThrownBy(() -> builder.build(1, CREATED))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least 2 good frames");
        assertThatThrownBy(() -> builder.add(new float[D + 1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("calibration frame 1");
        assertThatThrownBy(() -> new ProfileBuilder(ProfileConfig.defaults(), 0))
                .hasMessageContaining("token dimension");
    }

    private static float min(float[] values) {
        float min = Float.POSITIVE_INFINITY;
        for (float v : values) {
            min = Math.min(min, v);
        }
        return min;
    }
}
