package io.ultraline.ultra;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Test oracle: average linkage in its most literal form. Every step scans all pairs of current
 * clusters, recomputing each average from the original matrix, and merges the closest pair; ties
 * go to the smallest (min, max) of the pair's smallest members. Written independently of
 * {@link AverageLinkage} on purpose.
 */
final class NaiveAverageLinkage {

    /** Merge k joined nodes first[k] and second[k] (scipy ids) at heights[k]. */
    record Merges(int n, int[] first, int[] second, double[] heights) {}

    private NaiveAverageLinkage() {}

    static Merges build(double[][] d) {
        int n = d.length;
        List<List<Integer>> clusters = new ArrayList<>();
        List<Integer> nodeIds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            clusters.add(new ArrayList<>(List.of(i)));
            nodeIds.add(i);
        }
        int[] first = new int[Math.max(0, n - 1)];
        int[] second = new int[Math.max(0, n - 1)];
        double[] heights = new double[Math.max(0, n - 1)];
        for (int step = 0; step < n - 1; step++) {
            int bestA = -1;
            int bestB = -1;
            double best = 0;
            for (int a = 0; a < clusters.size(); a++) {
                for (int b = a + 1; b < clusters.size(); b++) {
                    double avg = average(d, clusters.get(a), clusters.get(b));
                    if (bestA < 0 || avg < best || (avg == best && keyLess(clusters, a, b, bestA, bestB))) {
                        bestA = a;
                        bestB = b;
                        best = avg;
                    }
                }
            }
            List<Integer> ca = clusters.get(bestA);
            List<Integer> cb = clusters.get(bestB);
            boolean aFirst = min(ca) < min(cb);
            first[step] = nodeIds.get(aFirst ? bestA : bestB);
            second[step] = nodeIds.get(aFirst ? bestB : bestA);
            heights[step] = best;
            List<Integer> merged = new ArrayList<>(ca);
            merged.addAll(cb);
            clusters.remove(bestB);
            nodeIds.remove(bestB);
            clusters.set(bestA, merged);
            nodeIds.set(bestA, n + step);
        }
        return new Merges(n, first, second, heights);
    }

    private static boolean keyLess(List<List<Integer>> clusters, int a, int b, int bestA, int bestB) {
        int ra = min(clusters.get(a));
        int rb = min(clusters.get(b));
        int sa = min(clusters.get(bestA));
        int sb = min(clusters.get(bestB));
        int lo = Math.min(ra, rb);
        int bestLo = Math.min(sa, sb);
        return lo != bestLo ? lo < bestLo : Math.max(ra, rb) < Math.max(sa, sb);
    }

    private static double average(double[][] d, List<Integer> a, List<Integer> b) {
        double sum = 0;
        for (int i : a) {
            for (int j : b) {
                sum += d[i][j];
            }
        }
        return sum / ((double) a.size() * b.size());
    }

    private static int min(List<Integer> members) {
        int m = Integer.MAX_VALUE;
        for (int x : members) {
            m = Math.min(m, x);
        }
        return m;
    }

    /** Labels when the merges marked applied are made, numbered by smallest member. */
    static int[] partitionAfter(Merges merges, boolean[] applied) {
        int n = merges.n();
        int[] parent = new int[2 * n];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (int k = 0; k < applied.length; k++) {
            if (applied[k]) {
                parent[find(parent, merges.first()[k])] = n + k;
                parent[find(parent, merges.second()[k])] = n + k;
            }
        }
        int[] labels = new int[n];
        int[] labelOfRoot = new int[2 * n];
        Arrays.fill(labelOfRoot, -1);
        int next = 0;
        for (int i = 0; i < n; i++) {
            int root = find(parent, i);
            if (labelOfRoot[root] < 0) {
                labelOfRoot[root] = next++;
            }
            labels[i] = labelOfRoot[root];
        }
        return labels;
    }

    /** Tokens connected by merges whose height is at most tau. */
    static int[] cutAt(Merges merges, double tau) {
        boolean[] applied = new boolean[merges.heights().length];
        for (int k = 0; k < applied.length; k++) {
            applied[k] = merges.heights()[k] <= tau;
        }
        return partitionAfter(merges, applied);
    }

    static int clusterCount(int[] labels) {
        int max = -1;
        for (int label : labels) {
            max = Math.max(max, label);
        }
        return max + 1;
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            x = parent[x];
        }
        return x;
    }
}
