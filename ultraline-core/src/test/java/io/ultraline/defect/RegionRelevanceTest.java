package io.ultraline.defect;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultraline.ultra.Segmentation;
import io.ultraline.ultra.SegmenterConfig;
import io.ultraline.ultra.UltraSegmenter;
import org.junit.jupiter.api.Test;

/** The explanation of a region with all, some or none of its tokens as targets. */
class RegionRelevanceTest {

    private static final int G = 4, N = G * G;

    /** Left and right halves; token i's map is 1 on its own half, plus i / 100 at patch 0 to tell maps apart. */
    private static float[][] maps() {
        float[][] maps = new float[N][N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                maps[i][j] = (i % G < G / 2) == (j % G < G / 2) ? 1f : 0f;
            }
            maps[i][0] += i / 100f;
        }
        return maps;
    }

    private static Segmentation sparse(int... targets) {
        float[][] all = maps();
        float[][] rows = new float[targets.length][];
        for (int k = 0; k < targets.length; k++) {
            rows[k] = all[targets[k]];
        }
        return new UltraSegmenter(SegmenterConfig.paper()).segment(rows, targets, G, G);
    }

    @Test
    void withAllTargetsItIsTheSumOfTheRegionsFixedMaps() {
        Segmentation s = new UltraSegmenter(SegmenterConfig.paper()).segment(maps(), G, G);
        float[] r = RegionRelevance.of(new TokenRegion(0, new int[] {1, 5}), s);
        float[][] fixed = s.fixedMaps();
        for (int j = 0; j < N; j++) {
            assertThat(r[j]).isEqualTo(fixed[1][j] + fixed[5][j]);
        }
    }

    @Test
    void withSomeTargetsInTheRegionOnlyTheirMapsCount() {
        Segmentation s = sparse(1, 2, 7);
        float[] r = RegionRelevance.of(new TokenRegion(0, new int[] {1, 4, 5}), s);
        assertThat(r).containsExactly(s.fixedMapOf(1));
    }

    @Test
    void withNoTargetInTheRegionTheConceptMapsOfItsTokensStandIn() {
        Segmentation s = sparse(1, 2, 7);
        float[] r = RegionRelevance.of(new TokenRegion(TokenRegion.NO_CONCEPT, new int[] {4, 6}), s);
        float[] left = s.conceptMap(s.label(4));
        float[] right = s.conceptMap(s.label(6));
        assertThat(s.label(4)).isNotEqualTo(s.label(6));
        for (int j = 0; j < N; j++) {
            assertThat(r[j]).isEqualTo(left[j] + right[j]);
        }
    }
}
