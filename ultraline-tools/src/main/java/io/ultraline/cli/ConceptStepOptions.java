package io.ultraline.cli;

import io.ultraline.ultra.ConceptResolution;
import io.ultraline.ultra.SegmenterConfig;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The concept-step options shared by explain, inspect, evaluate and bench sparse. */
final class ConceptStepOptions {

    @Option(
            names = "--clustering",
            defaultValue = "joint",
            description = "concept step: joint (k-means over each token's map joined with its centred token, the"
                    + " number of concepts by silhouette; the default) or linkage (the ULTra paper's average-linkage"
                    + " cut of the maps at --tau)")
    String clustering;

    @Option(names = "--tau", defaultValue = "0.25", description = "linkage: cosine-distance cut of the clustering")
    double tau;

    @Option(
            names = "--token-length-exponent",
            defaultValue = "0.5",
            description = "joint: each centred token is divided by its length to this power times the frame's"
                    + " root mean square token length to the rest; 1 puts every token at unit length (the step"
                    + " before pipeline 0.6.0), 0 gives the frame one scale")
    double tokenLengthExponent;

    @Option(
            names = "--concept-resolution",
            defaultValue = "pixel",
            description = "how concepts reach the pixels: pixel (token labels refined by the frame's own colours"
                    + " at concept boundaries; the default) or token (nearest-neighbour upsampling of the token grid)")
    String resolution;

    /** How concept labels reach the frame's pixels. */
    ConceptResolution resolution() {
        return ConceptResolution.parse(resolution);
    }

    /** The segmenter configuration the options name; {@code atMost}, when not null, caps the concepts. */
    SegmenterConfig config(Integer atMost) {
        return switch (clustering.toLowerCase(Locale.ROOT)) {
            case "joint" ->
                SegmenterConfig.joint(atMost != null ? atMost : SegmenterConfig.DEFAULT_MAX_CONCEPTS)
                        .withTokenLengthExponent(tokenLengthExponent);
            case "linkage" -> atMost != null ? SegmenterConfig.fixedClusters(atMost) : SegmenterConfig.threshold(tau);
            default -> throw new IllegalArgumentException("--clustering must be joint or linkage, got " + clustering);
        };
    }
}
