package io.ultraline.inspect;

import java.util.Locale;

/**
 * Which token transform W the ULTra maps go through (issue 19): none (the paper's target), the
 * model's (learned once per model, stored in its directory) or the camera profile's (learned on
 * its calibration frames).
 */
public enum TransformChoice {
    NONE,
    MODEL,
    PROFILE;

    /** From the command-line spelling none|model|profile. */
    public static TransformChoice parse(String name) {
        for (TransformChoice c : values()) {
            if (c.name().toLowerCase(Locale.ROOT).equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("--transform must be none, model or profile, not '" + name + "'");
    }
}
