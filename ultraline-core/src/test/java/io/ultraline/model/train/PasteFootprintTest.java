package io.ultraline.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasteFootprintTest {

    @Test
    void discsAreRound() {
        PasteFootprint d = PasteFootprint.disc(10, 10);
        assertThat(d.width()).isEqualTo(21);
        assertThat(d.covers(10, 10)).isTrue();
        assertThat(d.covers(0, 0)).isFalse();
        assertThat(d.covers(20, 20)).isFalse();
        assertThat((double) covered(d)).isBetween(Math.PI * 100 * 0.9, Math.PI * 100 * 1.1);
    }

    @Test
    void scarsAreThinAndFollowTheirAngle() {
        PasteFootprint s = PasteFootprint.scar(40, 2, Math.PI / 4);
        assertThat(covered(s)).isBetween(40 * 2 * 7 / 10, 40 * 3);
        // a diagonal from top left to bottom right: both ends covered, the other corners not
        assertThat(s.covers(3, 3)).isTrue();
        assertThat(s.covers(s.width() - 4, s.height() - 4)).isTrue();
        assertThat(s.covers(s.width() - 2, 1)).isFalse();
        assertThat(s.covers(1, s.height() - 2)).isFalse();
    }

    @Test
    void rectanglesCoverTheirWholeBox() {
        assertThat(covered(PasteFootprint.rectangle(5, 7))).isEqualTo(35);
    }

    private static int covered(PasteFootprint f) {
        int n = 0;
        for (boolean c : f.covered()) {
            n += c ? 1 : 0;
        }
        return n;
    }
}
