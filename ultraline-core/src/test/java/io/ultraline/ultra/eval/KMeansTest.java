package io.ultraline.ultra.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KMeansTest {

    private static final float[][] TWO_BLOBS = {{0, 0}, {0.1f, 0}, {0, 0.1f}, {5, 5}, {5.1f, 5}, {5, 5.1f}};

    @Test
    void separatesTwoWellSeparatedBlobs() {
        int[] labels = KMeans.cluster(TWO_BLOBS, 2, 1);
        assertThat(SegmentationScores.of(labels, new int[] {0, 0, 0, 1, 1, 1}).ari())
                .isEqualTo(1.0);
    }

    @Test
    void isDeterministicForASeed() {
        float[][] pts = new float[40][3];
        for (int i = 0; i < pts.length; i++) {
            pts[i] = new float[] {i % 7, (i * 13) % 5, i % 3};
        }
        assertThat(KMeans.cluster(pts, 4, 9)).containsExactly(KMeans.cluster(pts, 4, 9));
    }

    @Test
    void kOfOneLabelsEverythingZero() {
        assertThat(KMeans.cluster(TWO_BLOBS, 1, 3)).containsOnly(0);
    }

    @Test
    void rejectsMoreClustersThanPoints() {
        assertThatThrownBy(() -> KMeans.cluster(TWO_BLOBS, 7, 1)).hasMessageContaining("k 7");
    }
}
