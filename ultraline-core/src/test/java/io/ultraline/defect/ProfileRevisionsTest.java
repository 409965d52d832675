package io.ultraline.defect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProfileRevisionsTest {

    private static final int D = 16;
    private static final int N = 16;
    private static final Instant CREATED = Instant.parse("2025-03-01T10:15:30Z");
    private static final Instant LATER = Instant.parse("2025-03-02T08:00:00Z");

    /** A profile of 6 frames of normal tokens, with the raw-pixel channel when {@code pixels}. */
    private static ReferenceProfile calibrate(boolean pixels) {
        Gaussians g = new Gaussians(5);
        ProfileBuilder builder = new ProfileBuilder(ProfileConfig.defaults(), D);
        for (int k = 0; k < 6; k++) {
            float[] tokens = g.tokens(N, D, 0f, 1f);
            if (pixels) {
                builder.add(tokens, AppearanceBank.quantise(AppearanceTestFrames.good(k)));
            } else {
                builder.add(tokens);
            }
        }
        return builder.build(3L, CREATED);
    }

    /** A frame of normal tokens with two far-off ones: a frame the profile flags. */
    private static float[] unusualFrame() {
        Gaussians g = new Gaussians(77);
        float[] frame = g.tokens(N, D, 0f, 1f);
        System.arraycopy(g.tokens(2, D, 4f, 1f), 0, frame, 3 * D, 2 * D);
        return frame;
    }

    private static float score(ReferenceProfile p, float[] frame) {
        return TokenScorer.frameScore(TokenScorer.tokenScores(p.bank(), frame, D));
    }

    @Test
    void aFrameTaughtAsNormalScoresLowerAndTheBankKeepsItsSize() {
        ReferenceProfile before = calibrate(false);
        float[] frame = unusualFrame();
        assertThat(score(before, frame)).as("flagged before").isGreaterThan(before.threshold());

        ReferenceProfile after = ProfileRevisions.withNormalFrame(before, frame, null, 4L, LATER);

        assertThat(score(after, frame)).as("score after").isLessThan(score(before, frame) / 2);
        assertThat(score(after, frame)).isLessThan(after.threshold());
        assertThat(after.bankSize()).isEqualTo(before.bankSize());
        assertThat(after.version()).isEqualTo(4L);
        assertThat(after.created()).isEqualTo(LATER);
        assertThat(after.threshold()).isEqualTo(before.threshold());
        assertThat(after.calibrationScores()).isEqualTo(before.calibrationScores());
    }

    @Test
    void theRawPixelChannelLearnsTheFrameToo() {
        ReferenceProfile before = calibrate(true);
        assertThat(before.appearance()).isNotNull();
        byte[] spot = AppearanceBank.quantise(AppearanceTestFrames.withSpot(99, 10, 10));
        float pixelBefore = before.appearance().bank().score(spot).frameScore();

        ReferenceProfile after = ProfileRevisions.withNormalFrame(before, unusualFrame(), spot, 4L, LATER);

        assertThat(after.appearance().bank().score(spot).frameScore()).isLessThan(pixelBefore / 2);
        assertThat(after.appearance().bank().size())
                .isEqualTo(before.appearance().bank().size());
        assertThatThrownBy(() -> ProfileRevisions.withNormalFrame(before, unusualFrame(), null, 4L, LATER))
                .hasMessageContaining("raw-pixel channel");
    }

    @Test
    void aRevisionIsAPureFunctionOfItsInputs() {
        ReferenceProfile before = calibrate(true);
        byte[] pixels = AppearanceBank.quantise(AppearanceTestFrames.good(40));
        assertThat(ProfileCodec.encode(ProfileRevisions.withNormalFrame(before, unusualFrame(), pixels, 4L, LATER)))
                .isEqualTo(ProfileCodec.encode(
                        ProfileRevisions.withNormalFrame(calibrate(true), unusualFrame(), pixels, 4L, LATER)));
    }

    @Test
    void aMarginScalesTheCalibratedThresholdWithoutCompounding() {
        ReferenceProfile before = calibrate(false);
        ReferenceProfile wider = ProfileRevisions.withMargin(before, 1.5f, 4L, LATER);
        assertThat(wider.threshold()).isEqualTo(before.calibratedThreshold() * 1.5f);
        assertThat(wider.thresholdOverridden()).isTrue();
        ReferenceProfile again = ProfileRevisions.withMargin(wider, 1.5f, 5L, LATER);
        assertThat(again.threshold()).as("relative to the calibrated threshold").isEqualTo(wider.threshold());
        assertThat(ProfileRevisions.withMargin(again, 1f, 6L, LATER).thresholdOverridden())
                .isFalse();
        assertThat(wider.bank()).isEqualTo(before.bank());
        assertThatThrownBy(() -> ProfileRevisions.withMargin(before, 0f, 4L, LATER))
                .hasMessageContaining("margin");
        assertThatThrownBy(() -> ProfileRevisions.withNormalFrame(before, new float[D + 1], null, 4L, LATER))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
