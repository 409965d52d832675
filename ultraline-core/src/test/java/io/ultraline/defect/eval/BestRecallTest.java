package io.ultraline.defect.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BestRecallTest {

    @Test
    void separatedScoresReachFullRecallAtTheLowestDefect() {
        float[] s = {1, 2, 3, 7, 8, 9};
        boolean[] d = {false, false, false, true, true, true};
        BestRecall.Result r = BestRecall.atPrecision(s, d, 0.95);
        assertEquals(1.0, r.recall(), 1e-12);
        assertEquals(7.0, r.lowestFlagged(), 1e-12);
    }

    @Test
    void aGoodFrameAmongTheDefectsCapsRecallWhereItWouldBreakThePrecision() {
        // ranked: 10 D, 9 D, 8 G, 7 D, 6 D, 1 G; at 0.95 the good frame at 8 cannot be flagged
        float[] s = {10, 9, 8, 7, 6, 1};
        boolean[] d = {true, true, false, true, true, false};
        assertEquals(0.5, BestRecall.atPrecision(s, d, 0.95).recall(), 1e-12);
        assertEquals(9.0, BestRecall.atPrecision(s, d, 0.95).lowestFlagged(), 1e-12);
        // at 0.75 it can: 4 of 5 flagged frames are defects
        BestRecall.Result loose = BestRecall.atPrecision(s, d, 0.75);
        assertEquals(1.0, loose.recall(), 1e-12);
        assertEquals(6.0, loose.lowestFlagged(), 1e-12);
    }

    @Test
    void tiedScoresAreFlaggedTogether() {
        // the defect at 5 ties a good frame: flagging it flags both, precision 2/3
        float[] s = {9, 5, 5, 1};
        boolean[] d = {true, true, false, false};
        assertEquals(0.5, BestRecall.atPrecision(s, d, 0.9).recall(), 1e-12);
    }

    @Test
    void noThresholdKeepingThePrecisionGivesZero() {
        float[] s = {9, 1};
        boolean[] d = {false, true};
        BestRecall.Result r = BestRecall.atPrecision(s, d, 0.95);
        assertEquals(0.0, r.recall(), 1e-12);
        assertTrue(Double.isNaN(r.lowestFlagged()));
    }

    @Test
    void rejectsInputItCannotRank() {
        assertThrows(
                IllegalArgumentException.class,
                () -> BestRecall.atPrecision(new float[] {1}, new boolean[] {false}, 0.9));
        assertThrows(
                IllegalArgumentException.class,
                () -> BestRecall.atPrecision(new float[] {Float.NaN}, new boolean[] {true}, 0.9));
        assertThrows(
                IllegalArgumentException.class, () -> BestRecall.atPrecision(new float[] {1}, new boolean[] {true}, 0));
        assertThrows(
                IllegalArgumentException.class,
                () -> BestRecall.atPrecision(new float[] {1, 2}, new boolean[] {true}, 0.9));
    }
}
