package io.ultraline.ultra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class JointConceptsTest {

    private static final int GRID = 6;
    private static final int N = GRID * GRID;
    private static final int DIM = 8;
    private static final UltraSegmenter JOINT = new UltraSegmenter(SegmenterConfig.defaults());

    /** Material of a patch: three vertical bands of two columns each. */
    private static int material(int patch) {
        return (patch % GRID) / 2;
    }

    /** Tokens: one direction per material, a shared offset and a little noise. */
    private static float[] tokens(long seed) {
        Random r = new Random(seed);
        float[] t = new float[N * DIM];
        for (int p = 0; p < N; p++) {
            for (int j = 0; j < DIM; j++) {
                float offset = 3f;
                t[p * DIM + j] = offset + (j == material(p) ? 2f : 0f) + 0.05f * (float) r.nextGaussian();
            }
        }
        return t;
    }

    /** Maps that say nothing about the materials: noise around one shared shape. */
    private static float[][] uninformativeMaps(long seed) {
        Random r = new Random(seed);
        float[][] maps = new float[N][N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                maps[i][j] = 1f + 0.05f * r.nextFloat();
            }
        }
        return maps;
    }

    @Test
    void threeMaterialsGiveThreeConceptsThatFollowThem() {
        Segmentation s = JOINT.segment(uninformativeMaps(1), UltraSegmenter.allTargets(N), tokens(2), GRID, GRID);

        assertThat(s.conceptCount()).isEqualTo(3);
        assertThat(Clustering.ofGroups(s.labels())).isEqualTo(Clustering.ofGroups(materials()));
        // every patch is its own map's target: its label is its cluster
        for (int p = 0; p < N; p++) {
            assertThat(s.label(p)).isEqualTo(s.clusters().label(p));
        }
        assertThat(s.clusterMaps()).hasNumberOfRows(3);
    }

    @Test
    void theMapsSplitWhatTheTokensDoNotTell() {
        // every token alike; tokens of the left half draw on the left half, the others on the right
        float[][] maps = new float[N][N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                maps[i][j] = isLeft(i) == isLeft(j) ? 1f : 0.05f;
            }
        }
        float[] sameTokens = new float[N * DIM];
        java.util.Arrays.fill(sameTokens, 1f);

        Segmentation s = JOINT.segment(maps, UltraSegmenter.allTargets(N), sameTokens, GRID, GRID);

        assertThat(s.conceptCount()).isEqualTo(2);
        for (int p = 0; p < N; p++) {
            assertThat(s.label(p)).isEqualTo(isLeft(p) ? 0 : 1);
        }
    }

    @Test
    void aFrameWithNoStructureStaysOneConcept() {
        float[][] maps = new float[N][N];
        for (float[] row : maps) {
            java.util.Arrays.fill(row, 1f);
        }
        float[] tokens = new float[N * DIM];
        java.util.Arrays.fill(tokens, 0.5f);

        Segmentation s = JOINT.segment(maps, UltraSegmenter.allTargets(N), tokens, GRID, GRID);

        assertThat(s.conceptCount()).isEqualTo(1);
        assertThat(s.labels()).containsOnly(0);
    }

    @Test
    void patchesThatAreNoTargetTakeTheNearestConceptByTheirToken() {
        // two targets per material band, far from most patches
        int[] targets = {0, 7, 2, 9, 4, 11, 30, 32, 34};
        float[][] all = uninformativeMaps(3);
        float[][] rows = new float[targets.length][];
        for (int k = 0; k < targets.length; k++) {
            rows[k] = all[targets[k]];
        }

        Segmentation s = JOINT.segment(rows, targets, tokens(4), GRID, GRID);

        assertThat(s.targetCount()).isEqualTo(targets.length);
        assertThat(Clustering.ofGroups(s.labels())).isEqualTo(Clustering.ofGroups(materials()));
    }

    @Test
    void aMaterialWithoutTargetsJoinsTheNearestConceptThatHasSome() {
        // targets in the first two bands only: the third band's patches form a cluster with no map
        int[] targets = {0, 1, 6, 7, 2, 3, 8, 9};
        float[][] all = uninformativeMaps(3);
        float[][] rows = new float[targets.length][];
        for (int k = 0; k < targets.length; k++) {
            rows[k] = all[targets[k]];
        }

        Segmentation s = JOINT.segment(rows, targets, tokens(4), GRID, GRID);

        assertThat(s.clusters().clusterCount()).isEqualTo(2);
        assertThat(s.conceptCount()).isEqualTo(2);
        for (int p = 0; p < N; p++) {
            if (material(p) < 2) {
                assertThat(s.label(p)).as("patch %d", p).isEqualTo(material(p));
            }
        }
        assertThat(s.labels()).containsOnly(0, 1);
    }

    @Test
    void theCapLimitsTheConcepts() {
        Segmentation s = new UltraSegmenter(SegmenterConfig.joint(2))
                .segment(uninformativeMaps(1), UltraSegmenter.allTargets(N), tokens(2), GRID, GRID);

        assertThat(s.conceptCount()).isEqualTo(2);
    }

    @Test
    void theSameFrameAlwaysGivesTheSameConcepts() {
        Segmentation first = JOINT.segment(uninformativeMaps(5), UltraSegmenter.allTargets(N), tokens(6), GRID, GRID);

        assertThat(JOINT.segment(uninformativeMaps(5), UltraSegmenter.allTargets(N), tokens(6), GRID, GRID))
                .isEqualTo(first);
    }

    @Test
    void theJointStepRefusesToRunWithoutTokensAndChecksThem() {
        float[][] maps = uninformativeMaps(1);
        int[] all = UltraSegmenter.allTargets(N);

        assertThatThrownBy(() -> JOINT.segment(maps, GRID, GRID)).hasMessageContaining("needs the patch tokens");
        assertThatThrownBy(() -> JOINT.segment(maps, all, new float[N * DIM + 1], GRID, GRID))
                .hasMessageContaining("do not split into 36 patch tokens");
        float[] withNaN = tokens(1);
        withNaN[17] = Float.NaN;
        assertThatThrownBy(() -> JOINT.segment(maps, all, withNaN, GRID, GRID))
                .hasMessageContaining("token 2 holds NaN");
    }

    @Test
    void theLinkageStepIgnoresTheTokens() {
        UltraSegmenter paper = new UltraSegmenter(SegmenterConfig.paper());
        float[][] maps = uninformativeMaps(7);

        assertThat(paper.segment(maps, UltraSegmenter.allTargets(N), tokens(8), GRID, GRID))
                .isEqualTo(paper.segment(maps, GRID, GRID));
    }

    @Test
    void aPlainBeltBetweenTwoPartsStaysOneConceptAtTheDefaultScaling() {
        float[] tokens = beltAndTwoParts(11);
        float[][] maps = uninformativeMaps(12);
        int[] all = UltraSegmenter.allTargets(N);

        Segmentation softened = JOINT.segment(maps, all, tokens, GRID, GRID);
        Segmentation unit = new UltraSegmenter(SegmenterConfig.defaults().withTokenLengthExponent(1))
                .segment(maps, all, tokens, GRID, GRID);

        assertThat(Clustering.ofGroups(softened.labels())).isEqualTo(Clustering.ofGroups(beltParts()));
        // at unit length the belt's small centred tokens point every way, and the belt falls apart
        assertThat(unit.conceptCount()).isGreaterThan(3);
    }

    @Test
    void atExponentOneEveryCentredTokenHasUnitLengthAsBefore() {
        Random r = new Random(13);
        float[][] rows = new float[9][5];
        for (float[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) (r.nextGaussian() * (1 + r.nextInt(4)));
            }
        }
        rows[4] = new float[5];

        assertThat(JointConcepts.scaledRows(rows, 1)).isDeepEqualTo(JointConcepts.unitRows(rows));
        float[][] oneScale = JointConcepts.scaledRows(rows, 0);
        float ratio = oneScale[0][0] / rows[0][0];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < 5; j++) {
                assertThat(oneScale[i][j]).isCloseTo(rows[i][j] * ratio, org.assertj.core.data.Offset.offset(1e-6f));
            }
        }
        assertThat(oneScale[4]).containsOnly(0f);
    }

    /** Part A in the first column, part B in the last, the belt between: belt tokens lie near the frame's mean. */
    private static int beltPart(int patch) {
        int column = patch % GRID;
        return column == 0 ? 1 : column == GRID - 1 ? 2 : 0;
    }

    private static int[] beltParts() {
        int[] m = new int[N];
        for (int p = 0; p < N; p++) {
            m[p] = beltPart(p);
        }
        return m;
    }

    private static float[] beltAndTwoParts(long seed) {
        Random r = new Random(seed);
        float[] t = new float[N * DIM];
        for (int p = 0; p < N; p++) {
            int part = beltPart(p);
            for (int j = 0; j < DIM; j++) {
                float signal = j == 0 ? (part == 1 ? 3f : part == 2 ? -3f : 0f) : 0f;
                t[p * DIM + j] = 1f + signal + 0.3f * (float) r.nextGaussian();
            }
        }
        return t;
    }

    private static boolean isLeft(int patch) {
        return patch % GRID < GRID / 2;
    }

    private static int[] materials() {
        int[] m = new int[N];
        for (int p = 0; p < N; p++) {
            m[p] = material(p);
        }
        return m;
    }
}
