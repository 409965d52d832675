package io.ultraline.ultra;

import java.util.OptionalInt;

/**
 * How {@link UltraSegmenter} groups the target maps into concepts.
 *
 * <ul>
 *   <li>{@link Method#JOINT}, the default: k-means over each target's map joined with its centred
 *       token, k from 2 to {@code maxClusters} (default {@value #DEFAULT_MAX_CONCEPTS}) chosen by
 *       the silhouette, each patch labelled by its own cluster ({@link JointConcepts}); each token
 *       scaled by its length to the power {@code tokenLengthExponent}, the rest by the frame's.
 *   <li>{@link Method#LINKAGE}, the paper's rule (docs/design.md section 1): average linkage over
 *       the cosine distances of the maps, cut at the height {@code tau} or, when
 *       {@code maxClusters} is present, scipy's {@code maxclust} cut; each patch labelled by the
 *       argmax of the aggregated concept maps.
 * </ul>
 *
 * @param method which of the two
 * @param tau cosine-distance threshold of the linkage height cut: merges at a height of at most
 *     {@code tau} are kept; finite and non-negative; used by a linkage cut without maxClusters
 * @param maxClusters linkage: the fixed-K alternative, at most this many clusters (fewer only when
 *     merge heights tie at the cut); joint: the largest number of concepts tried; at least 1 when
 *     present
 * @param tokenLengthExponent joint: how much of a centred token's own length its scale divides
 *     out, from 0 (one scale for the whole frame) to 1 (every token at unit length); default
 *     {@value #DEFAULT_TOKEN_LENGTH_EXPONENT}, see {@link JointConcepts}
 */
public record SegmenterConfig(Method method, double tau, OptionalInt maxClusters, double tokenLengthExponent) {

    /** The two concept steps. */
    public enum Method {
        /** k-means over maps joined with centred tokens, k by silhouette. */
        JOINT,
        /** The paper's average-linkage cut of the maps. */
        LINKAGE
    }

    /** The threshold of docs/design.md section 1. */
    public static final double DEFAULT_TAU = 0.25;

    /** The largest number of concepts the joint step tries on one frame. */
    public static final int DEFAULT_MAX_CONCEPTS = 8;

    /** Half the token's own length, half the frame's: measured in docs/evaluation.md (issue 19). */
    public static final double DEFAULT_TOKEN_LENGTH_EXPONENT = 0.5;

    /** Validates the values. */
    public SegmenterConfig {
        if (method == null) {
            throw new IllegalArgumentException("method must not be null");
        }
        if (!Double.isFinite(tau) || tau < 0) {
            throw new IllegalArgumentException("tau must be finite and non-negative, got " + tau);
        }
        if (maxClusters == null) {
            throw new IllegalArgumentException("maxClusters must be present or empty, not null");
        }
        if (maxClusters.isPresent() && maxClusters.getAsInt() < 1) {
            throw new IllegalArgumentException("maxClusters must be at least 1, got " + maxClusters.getAsInt());
        }
        if (!(tokenLengthExponent >= 0 && tokenLengthExponent <= 1)) {
            throw new IllegalArgumentException(
                    "tokenLengthExponent must be between 0 and 1, got " + tokenLengthExponent);
        }
    }

    /** The product's default: the joint step with up to {@link #DEFAULT_MAX_CONCEPTS} concepts. */
    public static SegmenterConfig defaults() {
        return joint(DEFAULT_MAX_CONCEPTS);
    }

    /** The joint step trying 2 to {@code maxConcepts} concepts. */
    public static SegmenterConfig joint(int maxConcepts) {
        return new SegmenterConfig(
                Method.JOINT, DEFAULT_TAU, OptionalInt.of(maxConcepts), DEFAULT_TOKEN_LENGTH_EXPONENT);
    }

    /** This configuration with the joint step's token scaling exponent replaced. */
    public SegmenterConfig withTokenLengthExponent(double exponent) {
        return new SegmenterConfig(method, tau, maxClusters, exponent);
    }

    /** The paper's rule at its threshold: a linkage height cut at {@link #DEFAULT_TAU}. */
    public static SegmenterConfig paper() {
        return threshold(DEFAULT_TAU);
    }

    /** A linkage height cut at {@code tau}. */
    public static SegmenterConfig threshold(double tau) {
        return new SegmenterConfig(Method.LINKAGE, tau, OptionalInt.empty(), DEFAULT_TOKEN_LENGTH_EXPONENT);
    }

    /** A linkage maxclust cut into at most {@code k} clusters. */
    public static SegmenterConfig fixedClusters(int k) {
        return new SegmenterConfig(Method.LINKAGE, DEFAULT_TAU, OptionalInt.of(k), DEFAULT_TOKEN_LENGTH_EXPONENT);
    }

    /** True when segmenting needs every patch's token as well as the maps. */
    public boolean needsTokens() {
        return method == Method.JOINT;
    }

    /** Cuts a merge tree as this linkage configuration says. */
    Clustering cut(Dendrogram tree) {
        return maxClusters.isPresent() ? tree.cutToMaxClusters(maxClusters.getAsInt()) : tree.cutAtHeight(tau);
    }

    /** The largest number of concepts the joint step tries. */
    int maxConcepts() {
        return maxClusters.orElse(DEFAULT_MAX_CONCEPTS);
    }

    /**
     * A short description for reports: {@code joint, up to 8}, {@code joint, up to 8, token length^1.0},
     * {@code linkage, tau 0.25}; the exponent only where it is not the default.
     */
    public String describe() {
        if (method == Method.JOINT) {
            return "joint, up to " + maxConcepts()
                    + (tokenLengthExponent == DEFAULT_TOKEN_LENGTH_EXPONENT
                            ? ""
                            : ", token length^" + tokenLengthExponent);
        }
        return maxClusters.isPresent() ? "linkage, at most " + maxClusters.getAsInt() : "linkage, tau " + tau;
    }
}
