package io.ultraline.ultra.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultraline.ultra.Segmentation;
import io.ultraline.ultra.SegmenterConfig;
import io.ultraline.ultra.TargetStrategy;
import io.ultraline.ultra.UltraSegmenter;
import org.junit.jupiter.api.Test;

class SparseAgreementTest {

    private static final int G = 4, N = G * G;
    private static final UltraSegmenter SEGMENTER = new UltraSegmenter(SegmenterConfig.paper());

    /** Left and right halves: maps and tokens both say which half a patch is in. */
    private static float[][] maps() {
        float[][] maps = new float[N][N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                maps[i][j] = left(i) == left(j) ? 1f : 0.02f * ((i * 7 + j) % 5);
            }
        }
        return maps;
    }

    private static boolean left(int patch) {
        return patch % G < G / 2;
    }

    private static float[] tokens() {
        float[] t = new float[N * 2];
        for (int i = 0; i < N; i++) {
            t[2 * i + (left(i) ? 0 : 1)] = 1f + 0.01f * i;
        }
        return t;
    }

    @Test
    void representativesOfBothHalvesReproduceTheAllTargetLabels() {
        Segmentation all = SEGMENTER.segment(maps(), G, G);
        Segmentation sparse =
                SparseAgreement.sparse(SEGMENTER, maps(), tokens(), 2, TargetStrategy.REPRESENTATIVES, 2, null, G, G);

        assertThat(sparse.targetCount()).isEqualTo(2);
        assertThat(left(sparse.targets()[0])).isNotEqualTo(left(sparse.targets()[1]));
        assertThat(SparseAgreement.ari(sparse, all)).isEqualTo(1.0);
    }

    @Test
    void targetsFromOneHalfOnlyDisagree() {
        Segmentation all = SEGMENTER.segment(maps(), G, G);
        Segmentation oneHalf = SparseAgreement.sparse(SEGMENTER, maps(), tokens(), new int[] {0, 4}, G, G);

        assertThat(oneHalf.fixedMaps()[1]).containsExactly(fixedRow(4));
        assertThat(SparseAgreement.ari(oneHalf, all)).isLessThan(0.5);
    }

    @Test
    void segmentationsOfDifferentGridsAreRejected() {
        Segmentation four = SEGMENTER.segment(maps(), G, G);
        Segmentation one = SEGMENTER.segment(new float[][] {{1f}}, 1, 1);
        assertThatThrownBy(() -> SparseAgreement.ari(four, one)).hasMessageContaining("different grids");
    }

    private static float[] fixedRow(int patch) {
        return SEGMENTER.segment(maps(), G, G).fixedMaps()[patch];
    }
}
