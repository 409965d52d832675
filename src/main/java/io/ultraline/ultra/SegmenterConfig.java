package io.ultraline.ultra;

import java.util.OptionalInt;

/**
 * How {@link UltraSegmenter} turns the merge tree into clusters. Linkage is always average
 * linkage (the ULTra choice); the cut is either at a distance threshold or, when
 * {@code maxClusters} is present, scipy's {@code maxclust} cut (at most that many clusters).
 *
 * @param tau cosine-distance threshold of the height cut: merges at a height of at most
 *     {@code tau} are kept; finite and non-negative; ignored when {@code maxClusters} is present
 * @param maxClusters the fixed-K alternative: at most this many clusters (fewer only when merge
 *     heights tie at the cut); at least 1 when present
 */
public record SegmenterConfig(double tau, OptionalInt maxClusters) {

    /** The threshold of docs/design.md section 1. */
    public static final double DEFAULT_TAU = 0.25;

    /** Validates both values. */
    public SegmenterConfig {
        if (!Double.isFinite(tau) || tau < 0) {
            throw new IllegalArgumentException("tau must be finite and non-negative, got " + tau);
        }
        if (maxClusters == null) {
            throw new IllegalArgumentException("maxClusters must be present or empty, not null");
        }
        if (maxClusters.isPresent() && maxClusters.getAsInt() < 1) {
            throw new IllegalArgumentException(
                    "maxClusters must be at least 1, got " + maxClusters.getAsInt());
        }
    }

    /** A height cut at {@link #DEFAULT_TAU}. */
    public static SegmenterConfig defaults() {
        return threshold(DEFAULT_TAU);
    }

    /** A height cut at {@code tau}. */
    public static SegmenterConfig threshold(double tau) {
        return new SegmenterConfig(tau, OptionalInt.empty());
    }

    /** A maxclust cut into at most {@code k} clusters. */
    public static SegmenterConfig fixedClusters(int k) {
        return new SegmenterConfig(DEFAULT_TAU, OptionalInt.of(k));
    }

    /** Cuts a merge tree as this configuration says. */
    Clustering cut(Dendrogram tree) {
        return maxClusters.isPresent()
                ? tree.cutToMaxClusters(maxClusters.getAsInt())
                : tree.cutAtHeight(tau);
    }
}
