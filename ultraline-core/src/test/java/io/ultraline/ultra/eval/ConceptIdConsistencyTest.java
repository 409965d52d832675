package io.ultraline.ultra.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConceptIdConsistencyTest {

    @Test
    void theSameIdsInEveryFrameAreFullyConsistent() {
        ConceptIdConsistency c = new ConceptIdConsistency();
        c.add(new int[] {4, 4, 2, 2}, new int[] {0, 0, 1, 1});
        c.add(new int[] {2, 2, 2, 4}, new int[] {1, 1, 1, 0});
        assertThat(c.value()).isEqualTo(1.0);
    }

    @Test
    void idsSwappedInOneFrameOfTwoAreHalfConsistent() {
        ConceptIdConsistency c = new ConceptIdConsistency();
        c.add(new int[] {0, 0, 0, 1, 1}, new int[] {0, 0, 0, 1, 1});
        c.add(new int[] {1, 1, 0, 0}, new int[] {0, 0, 1, 1});
        // Pooled overlaps: concept 0 holds 3 px of part 0 and 2 of part 1; concept 1 holds 2 of part 0 and
        // 2 of part 1. The best naming is 0->part 0, 1->part 1 (3 + 2 = 5 against 2 + 2 = 4): frame 1
        // agrees for both parts, frame 2 for neither: 2 of 4 pairs.
        assertThat(c.value()).isEqualTo(0.5);
    }

    @Test
    void oneIdForEverythingNamesOnlyOnePart() {
        ConceptIdConsistency c = new ConceptIdConsistency();
        c.add(new int[] {0, 0, 0, 0}, new int[] {0, 0, 1, 1});
        c.add(new int[] {0, 0, 0}, new int[] {0, 0, 0});
        // The naming gives concept 0 to part 0; part 1 has no id of its own: 2 of 3 pairs.
        assertThat(c.value()).isEqualTo(2.0 / 3);
    }

    @Test
    void isUndefinedWithoutFrames() {
        assertThat(new ConceptIdConsistency().value()).isNaN();
    }
}
