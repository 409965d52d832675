package io.ultraline.defect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PatchKdTreeTest {

    private static float bruteForce(float[] bank, int dim, float[] q) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < bank.length / dim; i++) {
            double s = 0;
            for (int d = 0; d < dim; d++) {
                double t = q[d] - bank[i * dim + d];
                s += t * t;
            }
            best = Math.min(best, s);
        }
        return (float) best;
    }

    /** Vectors with a shared brightness plus per-dimension noise of the given strength, as patches have. */
    private static float[] vectors(SplittableRandom r, int n, int dim, double noise) {
        float[] out = new float[n * dim];
        for (int i = 0; i < n; i++) {
            double brightness = r.nextDouble();
            for (int d = 0; d < dim; d++) {
                out[i * dim + d] = (float) (brightness + noise * (r.nextDouble() - 0.5) * (1 + d % 5));
            }
        }
        return out;
    }

    @Test
    void findsTheSameNearestDistanceAsBruteForce() {
        SplittableRandom r = new SplittableRandom(17);
        for (double noise : new double[] {0.02, 0.3, 2.0}) {
            int dim = 37;
            float[] bank = vectors(r, 600, dim, noise);
            PatchKdTree.Search sorted = new PatchKdTree(bank, dim).new Search();
            float[] queries = vectors(r, 200, dim, noise);
            for (int k = 0; k < 200; k++) {
                float[] q = java.util.Arrays.copyOfRange(queries, k * dim, (k + 1) * dim);
                float expected = bruteForce(bank, dim, q);
                assertThat(sorted.nearestSquared(q))
                        .as("noise %s query %d", noise, k)
                        .isCloseTo(expected, within(1e-5f * (1 + expected)));
            }
        }
    }

    @Test
    void hintsFromNeighbouringPatchesLeaveTheDistancesExact() {
        SplittableRandom r = new SplittableRandom(23);
        float[] bank = vectors(r, 400, 12, 0.4);
        PatchKdTree.Search search = new PatchKdTree(bank, 12).new Search();
        float[] queries = vectors(r, 100, 12, 0.4);
        for (int k = 0; k < 100; k++) {
            float[] q = java.util.Arrays.copyOfRange(queries, k * 12, (k + 1) * 12);
            // any stored vector is a valid hint: a far one must not change the answer either
            assertThat(search.nearestSquared(q, r.nextInt(400), r.nextInt(400)))
                    .isCloseTo(bruteForce(bank, 12, q), within(1e-5f));
        }
    }

    @Test
    void patchDistancesAreExactFromTheCutOffAndBoundedBelowIt() {
        SplittableRandom r = new SplittableRandom(29);
        int size = 24;
        PatchGrid grid = new PatchGrid(size, size, 4, 2);
        float[] image = new float[size * size * 3];
        for (int i = 0; i < image.length; i++) {
            image[i] = (float) r.nextDouble();
        }
        float[] patches = new float[grid.count() * grid.dim()];
        grid.extractAll(image, patches, 0);
        PrincipalAxes axes = PrincipalAxes.of(patches, grid.dim());
        float[] rotated = new float[patches.length];
        float[] scratch = new float[grid.dim()];
        for (int i = 0; i < grid.count(); i++) {
            axes.rotate(patches, i * grid.dim(), rotated, i * grid.dim(), scratch);
        }
        // the bank: every other patch of the image itself, so distances range from 0 upwards
        float[] bank = new float[(grid.count() / 2) * grid.dim()];
        for (int i = 0; i < grid.count() / 2; i++) {
            System.arraycopy(rotated, 2 * i * grid.dim(), bank, i * grid.dim(), grid.dim());
        }
        PatchKdTree tree = new PatchKdTree(bank, grid.dim());
        float[] exact = tree.patchDistances(grid, axes, image);
        float[] sorted = exact.clone();
        java.util.Arrays.sort(sorted);
        float cutOff = sorted[sorted.length * 3 / 4];
        float[] cut = tree.patchDistances(grid, axes, image, cutOff);
        int bounded = 0;
        for (int i = 0; i < exact.length; i++) {
            float expected = (float) Math.sqrt(bruteForce(
                    bank, grid.dim(), java.util.Arrays.copyOfRange(rotated, i * grid.dim(), (i + 1) * grid.dim())));
            assertThat(exact[i]).as("exact patch %d", i).isCloseTo(expected, within(1e-4f));
            if (expected >= cutOff) {
                assertThat(cut[i]).as("patch %d at or above the cut-off", i).isCloseTo(expected, within(1e-4f));
            } else {
                assertThat(cut[i]).as("patch %d below the cut-off", i).isBetween(expected - 1e-4f, cutOff);
                bounded += cut[i] > expected + 1e-4f ? 1 : 0;
            }
        }
        assertThat(bounded).as("patches whose search stopped early").isPositive();
    }

    /** The smallest squared distance, each summed in float in coordinate order as the tree sums it. */
    private static float floatScan(float[] bank, int dim, float[] q) {
        float best = Float.POSITIVE_INFINITY;
        for (int i = 0; i < bank.length / dim; i++) {
            float s = 0;
            for (int d = 0; d < dim; d++) {
                float t = q[d] - bank[i * dim + d];
                s += t * t;
            }
            best = Math.min(best, s);
        }
        return best;
    }

    @Test
    void exactDistancesAreTheSameFloatsAsAPlainScan() {
        // leaves are scanned eight vectors at a time and finished one by one: neither may change a bit
        SplittableRandom r = new SplittableRandom(31);
        for (int dim : new int[] {3, 8, 11, 32}) {
            for (int n : new int[] {5, 13, 600}) {
                float[] bank = vectors(r, n, dim, 0.3);
                PatchKdTree.Search search = new PatchKdTree(bank, dim).new Search();
                float[] queries = vectors(r, 60, dim, 0.3);
                for (int k = 0; k < 60; k++) {
                    float[] q = java.util.Arrays.copyOfRange(queries, k * dim, (k + 1) * dim);
                    assertThat(Float.floatToIntBits(search.nearestSquared(q)))
                            .as("dim %d, %d vectors, query %d", dim, n, k)
                            .isEqualTo(Float.floatToIntBits(floatScan(bank, dim, q)));
                }
            }
        }
    }

    @Test
    void aLeafOfManyEqualVectorsIsScannedWhole() {
        // splits look at the leading 48 coordinates only: vectors that differ past them form one leaf
        int dim = 50;
        int n = 45;
        float[] bank = new float[n * dim];
        for (int i = 0; i < n; i++) {
            bank[i * dim + dim - 1] = i * 0.01f;
        }
        PatchKdTree.Search search = new PatchKdTree(bank, dim).new Search();
        float[] q = new float[dim];
        q[dim - 1] = 0.333f;
        assertThat(Float.floatToIntBits(search.nearestSquared(q)))
                .isEqualTo(Float.floatToIntBits(floatScan(bank, dim, q)));
    }

    @Test
    void aBankVectorIsAtDistanceZero() {
        float[] bank = vectors(new SplittableRandom(3), 50, 8, 0.5);
        PatchKdTree tree = new PatchKdTree(bank, 8);
        PatchKdTree.Search sorted = tree.new Search();
        assertThat(tree.size()).isEqualTo(50);
        assertThat(sorted.nearestSquared(java.util.Arrays.copyOfRange(bank, 8 * 31, 8 * 32)))
                .isZero();
    }

    @Test
    void rejectsPartialVectorsAndQueriesOfTheWrongWidth() {
        assertThatThrownBy(() -> new PatchKdTree(new float[10], 3)).hasMessageContaining("whole 3-vectors");
        PatchKdTree.Search b = new PatchKdTree(new float[9], 3).new Search();
        assertThatThrownBy(() -> b.nearestSquared(new float[4])).hasMessageContaining("query has 4 values");
    }
}
