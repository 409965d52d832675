package io.ultraline.model;

/** Names of the model contract (docs/design.md section 4): signatures, their inputs and outputs. */
public final class ModelSignatures {

    public static final String SERVING = "serving_default";
    public static final String ULTRA = "ultra";
    public static final String IMAGES = "images";
    public static final String TARGETS = "targets";
    /** The token transform W [D', D] of the ULTra target (issue 19); identity when not fed. */
    public static final String TRANSFORM = "transform";

    public static final String TOKENS = "tokens";
    public static final String RELEVANCE = "relevance";

    private ModelSignatures() {}
}
