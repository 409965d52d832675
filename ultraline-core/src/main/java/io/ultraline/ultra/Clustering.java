package io.ultraline.ultra;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A flat partition of the tokens {@code 0..N-1} into clusters {@code 0..C-1}, in canonical form:
 * clusters are numbered in the order of their smallest member token, so cluster 0 holds token 0
 * and two equal partitions always have equal labels. Immutable; equality is by partition.
 */
public final class Clustering {

    private final int[] labels;
    private final int[] sizes;

    private Clustering(int[] labels, int clusterCount) {
        this.labels = labels;
        this.sizes = new int[clusterCount];
        for (int label : labels) {
            sizes[label]++;
        }
    }

    /**
     * Builds the canonical clustering of any grouping: tokens with equal {@code groupIds} values
     * share a cluster; the ids themselves (any ints) only matter through equality.
     *
     * @param groupIds one group id per token
     * @throws IllegalArgumentException if there are no tokens
     */
    public static Clustering ofGroups(int[] groupIds) {
        if (groupIds.length == 0) {
            throw new IllegalArgumentException("a clustering needs at least one token");
        }
        int[] labels = new int[groupIds.length];
        Map<Integer, Integer> labelOfGroup = new HashMap<>();
        for (int token = 0; token < groupIds.length; token++) {
            Integer label = labelOfGroup.putIfAbsent(groupIds[token], labelOfGroup.size());
            labels[token] = label == null ? labelOfGroup.size() - 1 : label;
        }
        return new Clustering(labels, labelOfGroup.size());
    }

    /** Number of tokens N. */
    public int tokenCount() {
        return labels.length;
    }

    /** Number of clusters C. */
    public int clusterCount() {
        return sizes.length;
    }

    /** Cluster of one token, in {@code 0..C-1}. */
    public int label(int token) {
        return labels[token];
    }

    /** The cluster of every token (a copy). */
    public int[] labels() {
        return labels.clone();
    }

    /** Number of tokens in cluster {@code c}. */
    public int size(int c) {
        return sizes[c];
    }

    /** Tokens of cluster {@code c}, ascending. */
    public int[] members(int c) {
        if (c < 0 || c >= sizes.length) {
            throw new IndexOutOfBoundsException("cluster " + c + " of " + sizes.length);
        }
        int[] members = new int[sizes[c]];
        int next = 0;
        for (int token = 0; token < labels.length; token++) {
            if (labels[token] == c) {
                members[next++] = token;
            }
        }
        return members;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Clustering that && Arrays.equals(labels, that.labels);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(labels);
    }

    @Override
    public String toString() {
        return "Clustering" + Arrays.toString(labels);
    }
}
