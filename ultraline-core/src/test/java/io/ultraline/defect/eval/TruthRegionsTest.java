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
    void thePiecesOfOnePaintedDefectBecomeOneRegion() {
        int w = 30;
        int h = 10;
        boolean[] m = new boolean[w * h];
        // a misprint: a blob at x 2..4 and a droplet at x 9, both inside its box x 0..11
        for (int x = 2; x <= 4; x++) {
            m[3 * w + x] = true;
        }
        m[3 * w + 9] = true;
        // a particle in its own box, and a speck outside every box
        m[5 * w + 20] = true;
        m[9 * w + 28] = true;
        List<boolean[]> pieces = TruthRegions.of(m, w, h, 3);
        assertThat(pieces).hasSize(4);
        List<TruthRegions.Box> boxes = List.of(new TruthRegions.Box(0, 0, 12, 8), new TruthRegions.Box(18, 3, 5, 5));
        List<boolean[]> regions = TruthRegions.byDefect(pieces, boxes, w);
        assertThat(regions).hasSize(3);
        assertThat(regions.get(0)[3 * w + 2]).isTrue();
        assertThat(regions.get(0)[3 * w + 9]).isTrue();
        assertThat(regions.get(0)[5 * w + 20]).isFalse();
        assertThat(regions.get(1)[5 * w + 20]).isTrue();
        assertThat(regions.get(2)[9 * w + 28]).isTrue();
        // the pieces themselves are not changed
        assertThat(pieces.get(0)[3 * w + 9]).isFalse();
        // without boxes every piece is a region
        assertThat(TruthRegions.byDefect(pieces, List.of(), w)).hasSize(4);
    }

    @Test
    void aPieceGoesToTheBoxHoldingMostOfIt() {
        int w = 10;
        boolean[] piece = new boolean[w * 2];
        piece[1] = piece[2] = piece[3] = true;
        List<TruthRegions.Box> boxes = List.of(new TruthRegions.Box(0, 0, 2, 2), new TruthRegions.Box(2, 0, 5, 2));
        boolean[] other = new boolean[w * 2];
        other[5] = true;
        // the piece has 1 pixel in the first box and 2 in the second, so it joins the second box's piece
        assertThat(TruthRegions.byDefect(List.of(piece, other), boxes, w)).hasSize(1);
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
