package io.ultraline.stream;

import java.util.Locale;

/** Which frames get a {@code FrameExplanation} on line.explanations ({@value #KEY}). */
public enum ExplanationsMode {
    /** Every frame that gets a verdict. */
    ALL,
    /** Only frames with verdict DEFECT. */
    DEFECTIVE,
    /** None. */
    NONE;

    public static final String KEY = "explanations.mode";

    /** {@code all}, {@code defective} or {@code none}, in any case. */
    public static ExplanationsMode parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(KEY + " must be all, defective or none, got '" + text + "'", e);
        }
    }
}
