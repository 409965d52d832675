package io.ultraline.model;

/**
 * How the {@code ultra} signature computes its maps; both give the same maps to float rounding.
 */
public enum UltraVariant {
    /** Graph autodiff, one replicated forward and backward per target (the reference). */
    REPLICATED("replicated"),
    /** One forward per frame and a hand-written backward batched over target seeds. */
    FAST("fast");

    private final String manifestName;

    UltraVariant(String manifestName) {
        this.manifestName = manifestName;
    }

    public String manifestName() {
        return manifestName;
    }

    public static UltraVariant fromManifest(String name) {
        for (UltraVariant v : values()) {
            if (v.manifestName.equals(name)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown ultra variant '" + name + "' (expected replicated or fast)");
    }
}
