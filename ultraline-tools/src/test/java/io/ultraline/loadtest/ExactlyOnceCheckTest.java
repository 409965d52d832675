package io.ultraline.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExactlyOnceCheckTest {

    private static final Set<Long> PRODUCED = Set.of(
            AcknowledgedOffsets.key(0, 10),
            AcknowledgedOffsets.key(0, 11),
            AcknowledgedOffsets.key(1, 10),
            AcknowledgedOffsets.key(1, 12));

    @Test
    void oneOutcomeEachIsExactlyOnce() {
        ExactlyOnceCheck c = ExactlyOnceCheck.of(
                PRODUCED,
                List.of(AcknowledgedOffsets.key(0, 10), AcknowledgedOffsets.key(1, 10), AcknowledgedOffsets.key(1, 12)),
                List.of(AcknowledgedOffsets.key(0, 11)));
        assertThat(c.exactlyOnce()).isTrue();
        assertThat(c.produced()).isEqualTo(4);
        assertThat(c.verdicts()).isEqualTo(3);
        assertThat(c.deadLetters()).isEqualTo(1);
        assertThat(c.lost()).isZero();
        assertThat(c.duplicated()).isZero();
    }

    @Test
    void findsALostFrame() {
        ExactlyOnceCheck c = ExactlyOnceCheck.of(
                PRODUCED,
                List.of(AcknowledgedOffsets.key(0, 10), AcknowledgedOffsets.key(1, 10)),
                List.of(AcknowledgedOffsets.key(0, 11)));
        assertThat(c.exactlyOnce()).isFalse();
        assertThat(c.lost()).isEqualTo(1);
        assertThat(c.examples()).containsExactly("1@12 lost");
    }

    @Test
    void findsADuplicateEvenAcrossVerdictAndDeadLetter() {
        ExactlyOnceCheck c = ExactlyOnceCheck.of(
                PRODUCED,
                List.of(
                        AcknowledgedOffsets.key(0, 10),
                        AcknowledgedOffsets.key(0, 11),
                        AcknowledgedOffsets.key(1, 10),
                        AcknowledgedOffsets.key(1, 12),
                        AcknowledgedOffsets.key(1, 12)),
                List.of(AcknowledgedOffsets.key(0, 11)));
        assertThat(c.exactlyOnce()).isFalse();
        assertThat(c.duplicated()).isEqualTo(2);
        assertThat(c.lost()).isZero();
        assertThat(c.examples()).containsExactlyInAnyOrder("0@11 x2", "1@12 x2");
    }

    @Test
    void outcomesOfOtherFramesAreCountedApart() {
        ExactlyOnceCheck c = ExactlyOnceCheck.of(
                PRODUCED,
                List.of(
                        AcknowledgedOffsets.key(0, 10),
                        AcknowledgedOffsets.key(0, 11),
                        AcknowledgedOffsets.key(1, 10),
                        AcknowledgedOffsets.key(1, 12),
                        AcknowledgedOffsets.key(0, 0),
                        AcknowledgedOffsets.key(1, 0)),
                List.of());
        assertThat(c.exactlyOnce()).isTrue();
        assertThat(c.unmatched()).isEqualTo(2);
        assertThat(c.verdicts()).isEqualTo(4);
    }

    @Test
    void keysKeepPartitionAndOffsetApart() {
        assertThat(AcknowledgedOffsets.key(1, 0)).isNotEqualTo(AcknowledgedOffsets.key(0, 1L << 39));
        assertThat(AcknowledgedOffsets.describe(AcknowledgedOffsets.key(11, 123_456_789L)))
                .isEqualTo("11@123456789");
    }
}
