package io.ultraline.ultra.align;

import io.ultraline.ultra.AverageLinkage;
import io.ultraline.ultra.Clustering;
import io.ultraline.ultra.CosineDistances;
import io.ultraline.ultra.eval.Assignment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A camera's reference concepts: P prototypes, each a unit direction in centred token space, learned
 * from the concepts of its calibration frames. Prototype {@code p} is concept id {@code p} in every
 * aligned frame ({@link ConceptAlignment}); ids are ordered by how many calibration patches a
 * prototype stands for, so id 0 is the camera's most common material.
 *
 * <p>Learning: every calibration concept of at least {@code minPatches} patches gives one point, its
 * mean token minus {@code centre}, the mean token of the patches these concepts cover; average linkage on
 * their cosine distances, cut at {@code maxDistance}, groups the concepts that show one thing; a
 * group's prototype is its members' patch-weighted mean, normalised; the {@value #MAX_COUNT} best
 * supported groups are kept. The same {@code maxDistance} later decides whether a frame's concept is
 * one of these things at all.
 *
 * <p>Ids: a freshly learned set numbers its prototypes 0..P-1; {@link #keepingIdsOf} gives a
 * recalibration's prototypes the ids of the previous profile's prototypes they match, so an
 * operator's name for an id survives a recalibration.
 *
 * @param centre      the mean calibration token, subtracted before every cosine, {@code float[D]}
 * @param vectors     the prototypes, {@code float[P][D]}, unit length
 * @param maxDistance the largest cosine distance at which a concept still matches a prototype
 * @param ids         the camera id of each prototype, distinct and not negative
 */
public record ConceptPrototypes(float[] centre, float[][] vectors, double maxDistance, int[] ids) {

    /**
     * Cut height and match distance used unless told otherwise: of 0.5, 0.7, 0.9 and 1.1, the one
     * that kept ids best on the seed-19 mosaic scene (docs/evaluation.md); 2 to 6 prototypes on the
     * scene sets.
     */
    public static final double DEFAULT_MAX_DISTANCE = 0.9;
    /** A concept of one patch is mostly noise: prototypes come from concepts of at least two. */
    public static final int MIN_PATCHES = 2;
    /**
     * At most this many prototypes, the best supported: more names than an operator can tell apart,
     * and a bounded size in the profile record; a rarer thing's concepts get fresh ids.
     */
    public static final int MAX_COUNT = 16;

    public ConceptPrototypes {
        if (!(maxDistance >= 0 && maxDistance <= 2)) {
            throw new IllegalArgumentException("the match distance must lie in [0, 2], got " + maxDistance);
        }
        for (float[] v : vectors) {
            if (v.length != centre.length) {
                throw new IllegalArgumentException(
                        "prototypes of dimension " + v.length + " for a centre of " + centre.length);
            }
        }
        if (ids.length != vectors.length
                || Arrays.stream(ids).anyMatch(id -> id < 0)
                || Arrays.stream(ids).distinct().count() != ids.length) {
            throw new IllegalArgumentException("prototype ids must be distinct and not negative, one a prototype; got "
                    + Arrays.toString(ids) + " for " + vectors.length + " prototypes");
        }
        centre = centre.clone();
        vectors = Arrays.stream(vectors).map(float[]::clone).toArray(float[][]::new);
        ids = ids.clone();
    }

    /** Prototypes numbered 0..P-1 in the order given. */
    public ConceptPrototypes(float[] centre, float[][] vectors, double maxDistance) {
        this(centre, vectors, maxDistance, IntStream.range(0, vectors.length).toArray());
    }

    /**
     * These prototypes with the ids of {@code previous}'s where they show the same thing: an exact
     * assignment pairs them one to one at the least summed cosine distance (each set centred by its
     * own centre), a pair within {@link #maxDistance} keeps the previous id, and every other
     * prototype takes a fresh id above all of {@code previous}'s, in this set's order. So a
     * recalibration renames nothing the camera still shows; a material it no longer shows leaves its
     * id unused. Returns this set when {@code previous} is null or of another dimension.
     */
    public ConceptPrototypes keepingIdsOf(ConceptPrototypes previous) {
        if (previous == null || previous.dim() != dim() || previous.count() == 0 || count() == 0) {
            return this;
        }
        double[][] distance = new double[count()][previous.count()];
        double[][] gain = new double[count()][previous.count()];
        for (int i = 0; i < count(); i++) {
            for (int j = 0; j < previous.count(); j++) {
                distance[i][j] = CosineDistances.distance(vectors[i], previous.vectors[j]);
                gain[i][j] = 2 - distance[i][j];
            }
        }
        int[] match = Assignment.maximise(gain);
        int fresh = previous.maxId() + 1;
        int[] kept = new int[count()];
        for (int i = 0; i < count(); i++) {
            kept[i] = match[i] >= 0 && distance[i][match[i]] <= maxDistance ? previous.ids[match[i]] : fresh++;
        }
        return withIds(kept);
    }

    /** The same prototypes under other ids, {@code newIds[p]} for prototype {@code p}. */
    public ConceptPrototypes withIds(int[] newIds) {
        return new ConceptPrototypes(centre, vectors, maxDistance, newIds);
    }

    /** The same prototypes numbered 0..P-1, as a calibration with nothing to keep ids from numbers them. */
    public ConceptPrototypes numberedAfresh() {
        return withIds(IntStream.range(0, count()).toArray());
    }

    /**
     * Learns the prototypes.
     *
     * @param frames      the calibration frames' concepts, every mean of one dimension
     * @param maxDistance cut height and match distance (cosine distance of centred means)
     * @param minPatches  concepts smaller than this are too noisy to define a prototype
     */
    public static ConceptPrototypes learn(List<ConceptFeatures> frames, double maxDistance, int minPatches) {
        if (minPatches < 1) {
            throw new IllegalArgumentException("minPatches must be at least 1, got " + minPatches);
        }
        List<float[]> means = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (ConceptFeatures f : frames) {
            for (int c = 0; c < f.count(); c++) {
                if (f.sizes()[c] >= minPatches) {
                    means.add(f.means()[c]);
                    sizes.add(f.sizes()[c]);
                }
            }
        }
        if (means.isEmpty()) {
            throw new IllegalArgumentException("no calibration concept has " + minPatches + " patches or more");
        }
        int dim = means.get(0).length;
        float[] centre = weightedMean(means, sizes, dim);
        float[][] points = new float[means.size()][];
        for (int i = 0; i < points.length; i++) {
            if (means.get(i).length != dim) {
                throw new IllegalArgumentException(
                        "concept means differ in dimension: " + dim + " and " + means.get(i).length);
            }
            points[i] = centred(means.get(i), centre);
        }
        Clustering groups = points.length == 1
                ? Clustering.ofGroups(new int[1])
                : AverageLinkage.build(CosineDistances.matrix(points)).cutAtHeight(maxDistance);
        List<float[]> vectors = new ArrayList<>();
        List<Long> support = new ArrayList<>();
        for (int g = 0; g < groups.clusterCount(); g++) {
            List<float[]> members = new ArrayList<>();
            List<Integer> weights = new ArrayList<>();
            long patches = 0;
            for (int i : groups.members(g)) {
                members.add(points[i]);
                weights.add(sizes.get(i));
                patches += sizes.get(i);
            }
            vectors.add(unit(weightedMean(members, weights, dim)));
            support.add(patches);
        }
        Integer[] order = new Integer[vectors.size()];
        Arrays.setAll(order, i -> i);
        // most patches first; equal support keeps the clustering's own order, so learning is deterministic
        Arrays.sort(
                order, Comparator.comparingLong((Integer i) -> -support.get(i)).thenComparingInt(i -> i));
        float[][] sorted = new float[Math.min(order.length, MAX_COUNT)][];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = vectors.get(order[i]);
        }
        return new ConceptPrototypes(centre, sorted, maxDistance);
    }

    /** Number of prototypes P. */
    public int count() {
        return vectors.length;
    }

    /** Token dimension D. */
    public int dim() {
        return centre.length;
    }

    /** A concept mean in the prototypes' space: centred, unit length (zero stays zero). */
    public float[] embed(float[] mean) {
        if (mean.length != centre.length) {
            throw new IllegalArgumentException(
                    "a concept mean of dimension " + mean.length + " for prototypes of " + centre.length);
        }
        return unit(centred(mean, centre));
    }

    /** Cosine distance between an embedded concept and prototype {@code p}. */
    double distance(float[] embedded, int p) {
        return CosineDistances.distance(embedded, vectors[p]);
    }

    @Override
    public float[] centre() {
        return centre.clone();
    }

    @Override
    public float[][] vectors() {
        return Arrays.stream(vectors).map(float[]::clone).toArray(float[][]::new);
    }

    @Override
    public int[] ids() {
        return ids.clone();
    }

    /** The camera id of prototype {@code p}. */
    public int id(int p) {
        return ids[p];
    }

    /** The largest camera id, -1 for none: fresh ids of a frame's unmatched concepts start above it. */
    public int maxId() {
        return Arrays.stream(ids).max().orElse(-1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConceptPrototypes p
                && Arrays.equals(centre, p.centre)
                && Arrays.deepEquals(vectors, p.vectors)
                && Double.compare(maxDistance, p.maxDistance) == 0
                && Arrays.equals(ids, p.ids);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(centre) + Arrays.deepHashCode(vectors);
    }

    @Override
    public String toString() {
        return "ConceptPrototypes[" + count() + " x " + dim() + ", ids " + Arrays.toString(ids) + ", maxDistance="
                + maxDistance + "]";
    }

    private static float[] weightedMean(List<float[]> rows, List<Integer> weights, int dim) {
        double[] sum = new double[dim];
        double total = 0;
        for (int i = 0; i < rows.size(); i++) {
            for (int d = 0; d < dim; d++) {
                sum[d] += (double) weights.get(i) * rows.get(i)[d];
            }
            total += weights.get(i);
        }
        float[] out = new float[dim];
        for (int d = 0; d < dim; d++) {
            out[d] = (float) (sum[d] / total);
        }
        return out;
    }

    private static float[] centred(float[] v, float[] centre) {
        float[] out = new float[v.length];
        for (int d = 0; d < v.length; d++) {
            out[d] = v[d] - centre[d];
        }
        return out;
    }

    private static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        float[] out = v.clone();
        if (norm > 0) {
            float s = (float) (1 / Math.sqrt(norm));
            for (int d = 0; d < out.length; d++) {
                out[d] *= s;
            }
        }
        return out;
    }
}
