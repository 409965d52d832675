package io.ultraline.model.train;

import java.util.Arrays;
import java.util.Locale;

/** How the pasted-patch pretext makes the patches the model learns to find. */
public enum PasteMode {
    /** Rectangles and thin scars cut from another frame, brightness jittered: the shipped model's pretext. */
    FOREIGN,
    /**
     * Content from the same frame at another place or from another frame, as rectangles, scars at any
     * angle or discs, with colour shifts, blur and translucency ({@link MixedPaste}).
     */
    MIXED;

    public static PasteMode parse(String name) {
        String key = name.trim().toUpperCase(Locale.ROOT);
        for (PasteMode m : values()) {
            if (m.name().equals(key)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown paste mode '" + name + "'; known: "
                + Arrays.toString(values()).toLowerCase(Locale.ROOT));
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
