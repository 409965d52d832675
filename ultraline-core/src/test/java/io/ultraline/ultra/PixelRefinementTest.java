package io.ultraline.ultra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PixelRefinementTest {

    private static final int SIZE = 64;
    private static final int GRID = 4;
    private static final PixelRefinement REFINE = PixelRefinement.defaults();

    /** A textured frame: red-brown grain left of {@code boundaryX}, grey-blue speckle from it on. */
    private static float[] frame(int boundaryX, long seed) {
        Random r = new Random(seed);
        float[] rgb = new float[SIZE * SIZE * 3];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int p = (y * SIZE + x) * 3;
                float noise = 0.04f * (float) r.nextGaussian();
                if (x < boundaryX) {
                    float grain = 0.08f * (float) Math.sin(y * 0.9);
                    rgb[p] = 0.62f + grain + noise;
                    rgb[p + 1] = 0.38f + grain + noise;
                    rgb[p + 2] = 0.22f + noise;
                } else {
                    rgb[p] = 0.35f + noise;
                    rgb[p + 1] = 0.42f + noise;
                    rgb[p + 2] = 0.58f + 0.06f * (float) r.nextGaussian();
                }
            }
        }
        return rgb;
    }

    /** Concept 0 for columns left of {@code firstRight}, concept 1 from it on. */
    private static int[] cells(int firstRight) {
        int[] labels = new int[GRID * GRID];
        for (int cell = 0; cell < labels.length; cell++) {
            labels[cell] = cell % GRID < firstRight ? 0 : 1;
        }
        return labels;
    }

    private static int[] truth(int boundaryX) {
        int[] out = new int[SIZE * SIZE];
        for (int p = 0; p < out.length; p++) {
            out[p] = p % SIZE < boundaryX ? 0 : 1;
        }
        return out;
    }

    private static int wrong(int[] labels, int[] truth) {
        int wrong = 0;
        for (int p = 0; p < labels.length; p++) {
            wrong += labels[p] != truth[p] ? 1 : 0;
        }
        return wrong;
    }

    @Test
    void aBoundaryThroughTheMiddleOfATokenGetsItsPixelsRight() {
        // x 36: a quarter into column 2 (pixels 32..47), whose token the right material wins
        int[] cellLabels = cells(2);
        int[] upsampled = MaskUpsampling.upsample(cellLabels, GRID, GRID, SIZE, SIZE);
        assertThat(wrong(upsampled, truth(36))).isEqualTo(4 * SIZE);

        int[] refined = REFINE.pixelLabels(cellLabels, GRID, GRID, frame(36, 1), SIZE, SIZE);

        assertThat(wrong(refined, truth(36))).isZero();
    }

    @Test
    void theBoundaryIsFoundFromEitherSideOfTheToken() {
        // x 44: three quarters into column 2, whose token the left material wins this time
        int[] refined = REFINE.pixelLabels(cells(3), GRID, GRID, frame(44, 2), SIZE, SIZE);

        assertThat(wrong(refined, truth(44))).isZero();
    }

    @Test
    void aPlainFrameDoesNotChange() {
        int[] one = new int[GRID * GRID];
        java.util.Arrays.fill(one, 2);
        float[] rgb = frame(0, 3);

        int[] refined = REFINE.pixelLabels(one, GRID, GRID, rgb, SIZE, SIZE);

        assertThat(refined).containsOnly(2).hasSize(SIZE * SIZE);
    }

    @Test
    void aBoundaryOnTheCellBordersStaysWhereItIs() {
        int[] cellLabels = cells(2);

        int[] refined = REFINE.pixelLabels(cellLabels, GRID, GRID, frame(32, 4), SIZE, SIZE);

        assertThat(refined).isEqualTo(MaskUpsampling.upsample(cellLabels, GRID, GRID, SIZE, SIZE));
    }

    /** A majority pass as first written: count every window afresh (the reference). */
    private static int[] countedMajority(
            int[] labels, boolean[] sure, int[] cellOf, BoundaryCells cells, int w, int h, int k, int radius) {
        int[] out = labels.clone();
        int[] votes = new int[k];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                if (sure[p]) {
                    continue;
                }
                java.util.Arrays.fill(votes, 0);
                for (int yy = Math.max(0, y - radius); yy <= Math.min(h - 1, y + radius); yy++) {
                    for (int xx = Math.max(0, x - radius); xx <= Math.min(w - 1, x + radius); xx++) {
                        votes[labels[yy * w + xx]]++;
                    }
                }
                int best = labels[p];
                for (int c : cells.candidates(cellOf[p])) {
                    if (votes[c] > votes[best]) {
                        best = c;
                    }
                }
                out[p] = best;
            }
        }
        return out;
    }

    @Test
    void aMajorityPassFromRunningCountsEqualsCountingEveryWindow() {
        Random r = new Random(41);
        for (int radius = 1; radius <= 3; radius++) {
            for (int trial = 0; trial < 20; trial++) {
                int w = 5 + r.nextInt(40);
                int h = 5 + r.nextInt(40);
                int k = 2 + r.nextInt(5);
                int gridW = 1 + r.nextInt(4);
                int gridH = 1 + r.nextInt(4);
                int[] cellLabels = new int[gridW * gridH];
                for (int i = 0; i < cellLabels.length; i++) {
                    cellLabels[i] = r.nextInt(k);
                }
                cellLabels[0] = k - 1; // every concept id below k may occur
                BoundaryCells cells = BoundaryCells.of(cellLabels, gridH, gridW, 1);
                int[] cellOf = new int[w * h];
                int[] labels = new int[w * h];
                boolean[] sure = new boolean[w * h];
                for (int p = 0; p < labels.length; p++) {
                    cellOf[p] = (p / w) * gridH / h * gridW + (p % w) * gridW / w;
                    int[] own = cells.candidates(cellOf[p]);
                    labels[p] = own[r.nextInt(own.length)];
                    sure[p] = r.nextInt(4) == 0;
                }
                assertThat(new PixelRefinement(1, radius, 1, false, 1).majority(labels, sure, cellOf, cells, w, h, k))
                        .as("radius %d, trial %d (%d x %d, %d concepts)", radius, trial, w, h, k)
                        .isEqualTo(countedMajority(labels, sure, cellOf, cells, w, h, k, radius));
            }
        }
    }

    @Test
    void badInputIsRefusedWithTheReason() {
        assertThatThrownBy(() -> REFINE.pixelLabels(cells(2), GRID, GRID, new float[10], SIZE, SIZE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("12288 values, got 10");
        int[] negative = cells(2);
        negative[5] = -1;
        assertThatThrownBy(() -> REFINE.pixelLabels(negative, GRID, GRID, frame(36, 1), SIZE, SIZE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be negative, got -1");
        assertThatThrownBy(() -> REFINE.pixelLabels(new int[5], GRID, GRID, frame(36, 1), SIZE, SIZE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("grid has 16 cells, got 5");
        assertThatThrownBy(() -> new PixelRefinement(-1, 2, 2, false, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> new PixelRefinement(1, 2, 2, false, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reach");
    }
}
