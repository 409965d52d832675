package io.ultraline.ultra.eval;

import java.util.Arrays;

/**
 * How often each predicted label meets each true label over the same pixels: the table every
 * segmentation score here is read from. Labels are any non-negative ints; the table holds only
 * those that occur, in ascending order.
 */
public final class Contingency {

    private final int[] predictedLabels;
    private final int[] trueLabels;
    private final long[][] counts;
    private final long total;

    private Contingency(int[] predictedLabels, int[] trueLabels, long[][] counts, long total) {
        this.predictedLabels = predictedLabels;
        this.trueLabels = trueLabels;
        this.counts = counts;
        this.total = total;
    }

    /** The table of two labellings of the same pixels. */
    public static Contingency of(int[] predicted, int[] truth) {
        if (predicted.length != truth.length) {
            throw new IllegalArgumentException(
                    "labellings differ in length: " + predicted.length + " predicted, " + truth.length + " true");
        }
        if (predicted.length == 0) {
            throw new IllegalArgumentException("no pixels to compare");
        }
        int[] p = distinct(predicted);
        int[] t = distinct(truth);
        long[][] counts = new long[p.length][t.length];
        for (int i = 0; i < predicted.length; i++) {
            counts[Arrays.binarySearch(p, predicted[i])][Arrays.binarySearch(t, truth[i])]++;
        }
        return new Contingency(p, t, counts, predicted.length);
    }

    /** The cell-wise sum of tables, over the union of their labels (pooling the frames of one camera). */
    public static Contingency pooled(Iterable<Contingency> tables) {
        java.util.TreeSet<Integer> ps = new java.util.TreeSet<>();
        java.util.TreeSet<Integer> ts = new java.util.TreeSet<>();
        for (Contingency c : tables) {
            Arrays.stream(c.predictedLabels).forEach(ps::add);
            Arrays.stream(c.trueLabels).forEach(ts::add);
        }
        int[] p = ps.stream().mapToInt(Integer::intValue).toArray();
        int[] t = ts.stream().mapToInt(Integer::intValue).toArray();
        long[][] counts = new long[p.length][t.length];
        long total = 0;
        for (Contingency c : tables) {
            for (int i = 0; i < c.predictedLabels.length; i++) {
                for (int j = 0; j < c.trueLabels.length; j++) {
                    counts[Arrays.binarySearch(p, c.predictedLabels[i])][Arrays.binarySearch(t, c.trueLabels[j])] +=
                            c.counts[i][j];
                }
            }
            total += c.total;
        }
        if (total == 0) {
            throw new IllegalArgumentException("no tables to pool");
        }
        return new Contingency(p, t, counts, total);
    }

    private static int[] distinct(int[] labels) {
        int[] d = Arrays.stream(labels).distinct().sorted().toArray();
        if (d[0] < 0) {
            throw new IllegalArgumentException("labels must not be negative, got " + d[0]);
        }
        return d;
    }

    /** The predicted labels that occur, ascending; row {@code i} of the table. */
    public int[] predictedLabels() {
        return predictedLabels.clone();
    }

    /** The true labels that occur, ascending; column {@code j} of the table. */
    public int[] trueLabels() {
        return trueLabels.clone();
    }

    public int rows() {
        return predictedLabels.length;
    }

    public int columns() {
        return trueLabels.length;
    }

    /** Pixels with predicted label row {@code i} and true label column {@code j}. */
    public long count(int i, int j) {
        return counts[i][j];
    }

    public long total() {
        return total;
    }

    /** Pixels with predicted label row {@code i}. */
    public long rowSum(int i) {
        long s = 0;
        for (long v : counts[i]) {
            s += v;
        }
        return s;
    }

    /** Pixels with true label column {@code j}. */
    public long columnSum(int j) {
        long s = 0;
        for (long[] row : counts) {
            s += row[j];
        }
        return s;
    }

    /** Intersection over union of predicted row {@code i} and true column {@code j}. */
    public double iou(int i, int j) {
        long inter = counts[i][j];
        return (double) inter / (rowSum(i) + columnSum(j) - inter);
    }
}
