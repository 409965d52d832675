package io.ultraline.defect.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TruthRegionsTest {

    @Test
    void nearbySpecklesJoinAndDistantBlobsStaySeparate() {
        int w = 20;
        int h = 10;
        boolean[] m = new boolean[w * h];
        m[2 * w + 2] = true;
        m[2 * w + 4] = true; // 2 px from the first: same region with radius 2
        m[8 * w + 17] = true; // far away
        List<boolean[]> regions = TruthRegions.of(m, w, h, 2);
        assertThat(regions).hasSize(2);
        assertThat(regions.get(0)[2 * w + 2]).isTrue();
        assertThat(regions.get(0)[2 * w + 4]).isTrue();
        assertThat(regions.get(0)[2 * w + 3]).isFalse();
        assertThat(regions.get(1)[8 * w + 17]).isTrue();
        assertThat(TruthRegions.of(m, w, h, 1)).hasSize(3);
    }

    @Test
    void iouAndBestMatch() {
        boolean[] a = {true, true, false, false};
        boolean[] b = {false, true, true, false};
        assertThat(RegionOverlap.iou(a, b)).isEqualTo(1.0 / 3);
        assertThat(RegionOverlap.bestMatch(a, List.of(b, a))).isEqualTo(1.0);
        assertThat(RegionOverlap.bestMatch(a, List.of())).isEqualTo(0.0);
    }
}
