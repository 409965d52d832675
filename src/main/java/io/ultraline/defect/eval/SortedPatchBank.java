package io.ultraline.defect.eval;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Exact nearest-neighbour search over flat vectors, fast when the data has a dominant direction
 * (raw pixel patches do: brightness). Vectors are stored sorted by their projection on the bank's
 * first principal axis; since the axis is a unit vector, the projection gap between a query and a
 * vector never exceeds their distance, so the walk outward from the query's place can stop as
 * soon as the gap alone passes the best distance. Each distance stops accumulating once it passes
 * the best, checking in blocks of dimensions taken in order of falling variance so the big
 * differences come first. Exact up to float rounding. Immutable and thread-safe.
 */
final class SortedPatchBank {

    private static final int BLOCK = 16;
    private static final int POWER_ITERATIONS = 20;

    private final int dim;
    private final int size;
    private final int[] order;
    private final double[] axis;
    private final double[] projections;
    private final float[] vectors;

    private SortedPatchBank(int dim, int[] order, double[] axis, double[] projections, float[] vectors) {
        this.dim = dim;
        this.size = projections.length;
        this.order = order;
        this.axis = axis;
        this.projections = projections;
        this.vectors = vectors;
    }

    /** A bank of the row-major vectors in {@code flat} ({@code dim} values each). */
    static SortedPatchBank of(float[] flat, int dim) {
        if (dim < 1 || flat.length == 0 || flat.length % dim != 0) {
            throw new IllegalArgumentException("bank needs a positive number of whole " + dim + "-vectors, got "
                    + flat.length + " values");
        }
        int n = flat.length / dim;
        double[] mean = new double[dim];
        double[] variance = new double[dim];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < dim; d++) {
                mean[d] += flat[i * dim + d];
            }
        }
        for (int d = 0; d < dim; d++) {
            mean[d] /= n;
        }
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < dim; d++) {
                double t = flat[i * dim + d] - mean[d];
                variance[d] += t * t;
            }
        }
        int[] order = IntStream.range(0, dim).boxed()
                .sorted(Comparator.comparingDouble((Integer d) -> -variance[d]).thenComparingInt(d -> d))
                .mapToInt(Integer::intValue).toArray();
        double[] axis = principalAxis(flat, dim, mean);
        double[] proj = new double[n];
        for (int i = 0; i < n; i++) {
            proj[i] = dot(flat, i * dim, axis);
        }
        Integer[] byProjection = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(byProjection, Comparator.comparingDouble((Integer i) -> proj[i]).thenComparingInt(i -> i));
        float[] vectors = new float[n * dim];
        double[] projections = new double[n];
        for (int k = 0; k < n; k++) {
            int i = byProjection[k];
            projections[k] = proj[i];
            for (int d = 0; d < dim; d++) {
                vectors[k * dim + d] = flat[i * dim + order[d]];
            }
        }
        return new SortedPatchBank(dim, order, axis, projections, vectors);
    }

    /**
     * Power iteration on the centred data from the all-ones direction. Any unit vector keeps the
     * search exact; the closer to the principal axis, the tighter the bound.
     */
    private static double[] principalAxis(float[] flat, int dim, double[] mean) {
        int n = flat.length / dim;
        double[] v = new double[dim];
        Arrays.fill(v, 1 / Math.sqrt(dim));
        for (int it = 0; it < POWER_ITERATIONS; it++) {
            double[] next = new double[dim];
            for (int i = 0; i < n; i++) {
                double c = 0;
                for (int d = 0; d < dim; d++) {
                    c += (flat[i * dim + d] - mean[d]) * v[d];
                }
                for (int d = 0; d < dim; d++) {
                    next[d] += c * (flat[i * dim + d] - mean[d]);
                }
            }
            double norm = Math.sqrt(Arrays.stream(next).map(x -> x * x).sum());
            if (norm == 0) {
                return v;
            }
            for (int d = 0; d < dim; d++) {
                next[d] /= norm;
            }
            v = next;
        }
        return v;
    }

    private static double dot(float[] flat, int off, double[] axis) {
        double s = 0;
        for (int d = 0; d < axis.length; d++) {
            s += flat[off + d] * axis[d];
        }
        return s;
    }

    int size() {
        return size;
    }

    /** Squared Euclidean distance from {@code query} to its nearest bank vector. */
    float nearestSquared(float[] query) {
        if (query.length != dim) {
            throw new IllegalArgumentException("query has " + query.length + " values, the bank " + dim);
        }
        double p = dot(query, 0, axis);
        float[] q = new float[dim];
        for (int d = 0; d < dim; d++) {
            q[d] = query[order[d]];
        }
        int up = lowerBound(p);
        int down = up - 1;
        float best = Float.POSITIVE_INFINITY;
        while (up < size || down >= 0) {
            double gapUp = up < size ? projections[up] - p : Double.POSITIVE_INFINITY;
            double gapDown = down >= 0 ? p - projections[down] : Double.POSITIVE_INFINITY;
            boolean goUp = gapUp <= gapDown;
            double gap = goUp ? gapUp : gapDown;
            if (gap * gap > best) {
                break;
            }
            float d = partialDistance(q, goUp ? up++ : down--, best);
            if (d < best) {
                best = d;
            }
        }
        return best;
    }

    /** The squared distance, or any value of at least {@code bound} once the sum reaches it. */
    private float partialDistance(float[] q, int k, float bound) {
        int off = k * dim;
        float s = 0;
        int d = 0;
        while (d < dim) {
            int end = Math.min(dim, d + BLOCK);
            for (; d < end; d++) {
                float t = q[d] - vectors[off + d];
                s += t * t;
            }
            if (s >= bound) {
                return s;
            }
        }
        return s;
    }

    /** First index whose projection is at least {@code p}. */
    private int lowerBound(double p) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (projections[mid] < p) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
