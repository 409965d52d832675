package io.ultraline.ultra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class UltraSegmenterTest {

    private static final int GRID = 4;
    private static final int N = GRID * GRID;
    private static final UltraSegmenter DEFAULT = new UltraSegmenter(SegmenterConfig.paper());

    @Test
    void twoBlocksOfTokensLookingAtTwoRegionsGiveExactlyTwoConcepts() {
        Random noise = new Random(42);
        float[][] maps = new float[N][N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                boolean sameHalf = isLeft(i) == isLeft(j);
                maps[i][j] = (sameHalf ? 1f : 0f) + 0.01f * noise.nextFloat();
            }
            maps[i][i] = 50f; // the self entry the fix is there to remove
        }

        Segmentation segmentation = DEFAULT.segment(maps, GRID, GRID);

        assertThat(segmentation.clusters().clusterCount()).isEqualTo(2);
        assertThat(segmentation.conceptCount()).isEqualTo(2);
        for (int j = 0; j < N; j++) {
            assertThat(segmentation.label(j)).as("patch %d", j).isEqualTo(isLeft(j) ? 0 : 1);
        }
        for (float[] conceptMap : segmentation.conceptMaps()) {
            assertThat(conceptMap).hasSize(N);
            for (float v : conceptMap) {
                assertThat(v).isBetween(0f, 5f);
            }
        }
        assertThat(segmentation.fixedMaps()[3][3]).isLessThan(1.02f);
        assertThat(segmentation.conceptMask(1).decode()).containsExactly(rightHalfCells());
    }

    @Test
    void patchesAreLabelledByTheAggregatedMapsNotByTheirOwnTokensCluster() {
        // top-half tokens look at the left half, bottom-half tokens at the right half
        float[][] maps = new float[N][N];
        for (int i = 0; i < N; i++) {
            boolean top = i / GRID < GRID / 2;
            for (int j = 0; j < N; j++) {
                maps[i][j] = top == isLeft(j) ? 1f : 0f;
            }
        }

        Segmentation segmentation = DEFAULT.segment(maps, GRID, GRID);

        for (int i = 0; i < N; i++) {
            assertThat(segmentation.clusters().label(i)).as("token %d", i).isEqualTo(i / GRID < GRID / 2 ? 0 : 1);
            assertThat(segmentation.label(i)).as("patch %d", i).isEqualTo(isLeft(i) ? 0 : 1);
        }
    }

    /*
     * A: the 8 left tokens look at the left half; B: right tokens other than 11 and 15 look at
     * the right half; C: tokens 11 and 15 look at the top-left 2x2 block (cosine distance 0.2 to
     * each other after the fix, about 0.37 to A). C's normalised map is 5 on that block, where A is
     * also 5 and wins the tie as the lower cluster: C becomes a cluster without a concept.
     */
    @Test
    void aClusterThatWinsNoPatchIsNotAConcept() {
        float[][] maps = threeGroups();

        Segmentation segmentation = DEFAULT.segment(maps, GRID, GRID);

        assertThat(segmentation.clusters().clusterCount()).isEqualTo(3);
        assertThat(segmentation.clusters().members(2)).containsExactly(11, 15);
        assertThat(segmentation.conceptCount()).isEqualTo(2);
        assertThat(segmentation.conceptClusters()).containsExactly(0, 1);
        assertThat(segmentation.clusterMaps()[2][0]).isEqualTo(5f);
        assertThat(segmentation.clusterMaps()[2][11]).isEqualTo(2.5f);
        for (int j = 0; j < N; j++) {
            assertThat(segmentation.label(j)).as("patch %d", j).isEqualTo(isLeft(j) ? 0 : 1);
        }
    }

    @Test
    void fixedClusterCountUsesTheMaxclustCut() {
        float[][] maps = threeGroups();

        Segmentation two = new UltraSegmenter(SegmenterConfig.fixedClusters(2)).segment(maps, GRID, GRID);
        Segmentation one = new UltraSegmenter(SegmenterConfig.fixedClusters(1)).segment(maps, GRID, GRID);

        // C joins A (about 0.37) long before anything joins B (about 0.9)
        assertThat(two.clusters().members(1)).containsExactly(2, 3, 6, 7, 10, 14);
        assertThat(two.conceptCount()).isEqualTo(2);
        assertThat(one.conceptCount()).isEqualTo(1);
        assertThat(one.labels()).containsOnly(0);
    }

    @Test
    void sameInputGivesAnEqualSegmentationAndLeavesTheInputAlone() {
        float[][] maps = threeGroups();
        float[][] before = deepCopy(maps);

        Segmentation first = DEFAULT.segment(maps, GRID, GRID);

        assertThat(DEFAULT.segment(maps, GRID, GRID)).isEqualTo(first);
        assertThat(maps).isDeepEqualTo(before);
    }

    @Test
    void allZeroMapsAndASingleTokenGiveOneConceptOfZeros() {
        Segmentation blank = DEFAULT.segment(new float[N][N], GRID, GRID);
        Segmentation single = DEFAULT.segment(new float[][] {{3f}}, 1, 1);

        assertThat(blank.conceptCount()).isEqualTo(1);
        assertThat(blank.labels()).containsOnly(0);
        assertThat(blank.conceptMap(0)).containsOnly(0f);
        assertThat(single.conceptCount()).isEqualTo(1);
        assertThat(single.fixedMaps()[0]).containsExactly(0f);
        assertThat(single.conceptMask(0).runs()).containsExactly(0, 1);
    }

    @Test
    void rejectsMalformedInputWithSpecificMessages() {
        assertThatThrownBy(() -> DEFAULT.segment(new float[15][16], GRID, GRID))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected gridH * gridW = 4 * 4 = 16 maps")
                .hasMessageContaining("got 15");
        float[][] ragged = new float[N][N];
        ragged[7] = new float[N - 1];
        assertThatThrownBy(() -> DEFAULT.segment(ragged, GRID, GRID))
                .hasMessageContaining("map 7 has 15 entries, expected 16");
        float[][] withNaN = new float[N][N];
        withNaN[3][9] = Float.NaN;
        assertThatThrownBy(() -> DEFAULT.segment(withNaN, GRID, GRID))
                .hasMessageContaining("map 3 has a non-finite value NaN at patch 9");
        float[][] withInfinity = new float[N][N];
        withInfinity[0][1] = Float.POSITIVE_INFINITY;
        assertThatThrownBy(() -> DEFAULT.segment(withInfinity, GRID, GRID))
                .hasMessageContaining("non-finite value Infinity");
        assertThatThrownBy(() -> DEFAULT.segment(new float[0][0], 0, 4))
                .hasMessageContaining("at least 1 x 1, got 0 x 4");
        assertThatThrownBy(() -> DEFAULT.segment(null, 2, 2)).hasMessageContaining("null");
    }

    @Test
    void configRejectsInvalidValues() {
        assertThatThrownBy(() -> SegmenterConfig.threshold(Double.NaN))
                .hasMessageContaining("tau must be finite and non-negative");
        assertThatThrownBy(() -> SegmenterConfig.threshold(-0.1)).hasMessageContaining("got -0.1");
        assertThatThrownBy(() -> SegmenterConfig.fixedClusters(0))
                .hasMessageContaining("maxClusters must be at least 1, got 0");
        assertThat(SegmenterConfig.paper().tau()).isEqualTo(0.25);
    }

    private static float[][] threeGroups() {
        float[][] maps = new float[N][N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                boolean c = i == 11 || i == 15;
                boolean topLeftBlock = j == 0 || j == 1 || j == 4 || j == 5;
                maps[i][j] = c ? (topLeftBlock ? 1f : 0f) : (isLeft(i) == isLeft(j) ? 1f : 0f);
            }
        }
        return maps;
    }

    private static boolean isLeft(int token) {
        return token % GRID < GRID / 2;
    }

    private static boolean[] rightHalfCells() {
        boolean[] cells = new boolean[N];
        for (int j = 0; j < N; j++) {
            cells[j] = !isLeft(j);
        }
        return cells;
    }

    private static float[][] deepCopy(float[][] maps) {
        float[][] copy = new float[maps.length][];
        for (int i = 0; i < maps.length; i++) {
            copy[i] = maps[i].clone();
        }
        return copy;
    }
}
