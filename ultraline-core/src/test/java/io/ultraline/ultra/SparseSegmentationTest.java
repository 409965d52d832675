package io.ultraline.ultra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link UltraSegmenter#segment(float[][], int[], int, int)}: segmentation from T of the N maps. */
class SparseSegmentationTest {

    private static final int GRID = 6;
    private static final int N = GRID * GRID;
    private static final UltraSegmenter DEFAULT = new UltraSegmenter(SegmenterConfig.paper());

    /** Three vertical stripes; every token's map covers its own stripe, with noise and a loud self entry. */
    private static float[][] stripeMaps(long seed) {
        Random noise = new Random(seed);
        float[][] maps = new float[N][N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                maps[i][j] = (stripe(i) == stripe(j) ? 1f : 0.05f) + 0.02f * noise.nextFloat();
            }
            maps[i][i] = 40f;
        }
        return maps;
    }

    private static int stripe(int patch) {
        return (patch % GRID) / 2;
    }

    private static float[][] rows(float[][] maps, int[] targets) {
        float[][] out = new float[targets.length][];
        for (int k = 0; k < targets.length; k++) {
            out[k] = maps[targets[k]];
        }
        return out;
    }

    @Test
    void allTargetsGiveExactlyTheThreeArgumentSegmentation() {
        for (long seed = 1; seed <= 3; seed++) {
            float[][] maps = stripeMaps(seed);
            Segmentation all = DEFAULT.segment(maps, UltraSegmenter.allTargets(N), GRID, GRID);

            assertThat(all).isEqualTo(DEFAULT.segment(maps, GRID, GRID));
            assertThat(all.allTargets()).isTrue();
        }
    }

    @Test
    void fewTargetsStillLabelEveryPatchAndFindTheStripes() {
        float[][] maps = stripeMaps(7);
        int[] targets = {0, 2, 4, 33, 35};
        Segmentation sparse = DEFAULT.segment(rows(maps, targets), targets, GRID, GRID);

        assertThat(sparse.labels()).hasSize(N);
        assertThat(sparse.targetCount()).isEqualTo(5);
        assertThat(sparse.clusters().tokenCount()).isEqualTo(5);
        assertThat(sparse.conceptCount()).isEqualTo(3);
        for (int j = 0; j < N; j++) {
            assertThat(sparse.label(j)).as("patch %d", j).isEqualTo(sparse.label(stripe(j) * 2));
        }
        assertThat(sparse.fixedMaps()).hasDimensions(5, N);
    }

    @Test
    void theSelfEntryFixHitsEachMapAtItsOwnTarget() {
        float[][] maps = stripeMaps(5);
        int[] targets = {20, 3};
        Segmentation sparse = DEFAULT.segment(rows(maps, targets), targets, GRID, GRID);

        assertThat(sparse.fixedMaps()[0][20]).isLessThan(1.03f);
        assertThat(sparse.fixedMaps()[1][3]).isLessThan(1.03f);
        assertThat(sparse.rowOf(3)).isEqualTo(1);
        assertThat(sparse.rowOf(4)).isEqualTo(-1);
        assertThat(sparse.fixedMapOf(20)).containsExactly(sparse.fixedMaps()[0]);
        assertThat(sparse.fixedMapOf(4)).isNull();
        assertThat(maps[20][20]).isEqualTo(40f); // the input is left alone
    }

    @Test
    void targetsThatDoNotMatchTheMapsAreRejected() {
        float[][] maps = rows(stripeMaps(1), new int[] {0, 1});
        assertThatThrownBy(() -> DEFAULT.segment(maps, new int[] {0}, GRID, GRID))
                .hasMessageContaining("one map per target");
        assertThatThrownBy(() -> DEFAULT.segment(maps, new int[] {0, 0}, GRID, GRID))
                .hasMessageContaining("patch 0 is a target twice");
        assertThatThrownBy(() -> DEFAULT.segment(maps, new int[] {0, N}, GRID, GRID))
                .hasMessageContaining("outside 0..35");
        assertThatThrownBy(() -> DEFAULT.segment(new float[0][], new int[0], GRID, GRID))
                .hasMessageContaining("at least one target");
        assertThatThrownBy(() -> DEFAULT.segment(new float[][] {new float[5]}, new int[] {1}, GRID, GRID))
                .hasMessageContaining("expected 36");
    }
}
