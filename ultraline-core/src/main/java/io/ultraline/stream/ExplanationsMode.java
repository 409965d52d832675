package io.ultraline.stream;

import java.util.Locale;

/**
 * Which frames get a {@code FrameExplanation} on line.explanations ({@value #KEY}). Every mode but
 * {@link #ALL} runs two stages (docs/two-stage.md): each frame is scored from its tokens alone, and
 * ULTra maps are computed only for the frames the mode selects ({@link ExplainSelection}).
 */
public enum ExplanationsMode {
    /** Every frame that gets a verdict, from all N maps in the same model call as its tokens. */
    ALL,
    /** Flagged and near-threshold frames, and one other frame in K by source offset. */
    SAMPLED,
    /** Frames with verdict DEFECT and frames near the threshold. */
    FLAGGED,
    /** None. */
    NONE;

    public static final String KEY = "explanations.mode";
    /**
     * Read when {@link #KEY} is absent: the service maps the variable's name from before two-stage
     * inference (ULTRALINE_EXPLANATIONS) here, so deployments that set it keep working.
     */
    public static final String KEY_LEGACY = "explanations.mode-legacy";

    /**
     * {@code all}, {@code sampled}, {@code flagged} or {@code none}, in any case; {@code defective},
     * the name before two-stage inference, is kept as an alias of {@code flagged}.
     */
    public static ExplanationsMode parse(String text) {
        String name = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        if (name.equals("DEFECTIVE")) {
            return FLAGGED;
        }
        try {
            return valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    KEY + " must be all, sampled, flagged (alias defective) or none, got '" + text + "'", e);
        }
    }

    /** Whether frames are scored before any maps are computed. */
    public boolean twoStage() {
        return this != ALL;
    }
}
