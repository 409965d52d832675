package io.ultraline.stream;

import io.ultraline.avro.VerdictStatus;
import io.ultraline.defect.FrameAssessment;
import java.util.Optional;

/**
 * Which frames get ULTra maps in two-stage inference, and why. A pure function of the
 * configuration, the frame's first-stage verdict and its source offset, so that an audit that
 * replays the verdict replays the choice: no randomness, no wall clock, no state.
 */
public final class ExplainSelection {

    /** Why a frame is explained; recorded on its explanation. */
    public enum Reason {
        /** Mode all: every frame. */
        EVERY_FRAME,
        /** Verdict DEFECT. */
        FLAGGED,
        /** OK, but scoring within the near-threshold margin below the threshold. */
        NEAR_THRESHOLD,
        /** One frame in K by source offset. */
        SAMPLED,
        /**
         * Asked for through the API (an EXPLAIN command): never returned by {@link #reason}, so an
         * audit does not count it among the frame's selected explanations.
         */
        ON_DEMAND
    }

    private final ExplainConfig config;

    public ExplainSelection(ExplainConfig config) {
        this.config = config;
    }

    /**
     * Why a frame is explained, or empty when it is not.
     *
     * <p>Flagged frames are explained in every mode, {@code none} included: their defect regions
     * carry the relevance of their tokens, which needs their maps (mode none only publishes no
     * explanation record).
     *
     * @param status     the frame's verdict
     * @param assessment its first-stage assessment, null when it was not scored (no profile, or
     *                   calibrating)
     * @param offset     its offset on line.frames
     */
    public Optional<Reason> reason(VerdictStatus status, FrameAssessment assessment, long offset) {
        if (config.mode() == ExplanationsMode.ALL) {
            return Optional.of(Reason.EVERY_FRAME);
        }
        if (status == VerdictStatus.DEFECT) {
            return Optional.of(Reason.FLAGGED);
        }
        if (config.mode() == ExplanationsMode.NONE) {
            return Optional.empty();
        }
        if (assessment != null && nearThreshold(assessment)) {
            return Optional.of(Reason.NEAR_THRESHOLD);
        }
        if (config.mode() == ExplanationsMode.SAMPLED && Math.floorMod(offset, config.sampleEvery()) == 0) {
            return Optional.of(Reason.SAMPLED);
        }
        return Optional.empty();
    }

    /** Whether explained frames get an explanation record (not in mode none). */
    public boolean publishes() {
        return config.mode() != ExplanationsMode.NONE;
    }

    private boolean nearThreshold(FrameAssessment a) {
        return a.frameScore() >= (1 - config.nearThreshold()) * a.threshold();
    }
}
