package io.ultraline.frame;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultraline.avro.RejectReason;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What the stream relies on: every rejection has a dead-letter reason of the same name, and the
 * frame package stays plain Java, so it can be used and tested without Kafka, Avro or an engine.
 */
class DecodeFailureContractTest {

    /** Rejections the dead-letter schema lacks (none since RejectReason gained INVALID_FIELD). */
    private static final Set<DecodeFailure> NOT_IN_SCHEMA_YET = EnumSet.noneOf(DecodeFailure.class);

    @Test
    void everyRejectionHasADeadLetterReasonOfTheSameName() {
        Set<String> schemaSymbols =
                Arrays.stream(RejectReason.values()).map(Enum::name).collect(Collectors.toSet());
        for (DecodeFailure rejection : DecodeFailure.values()) {
            assertThat(schemaSymbols.contains(rejection.name()))
                    .as(rejection.name())
                    .isEqualTo(!NOT_IN_SCHEMA_YET.contains(rejection));
        }
    }

    @Test
    void everyKnownEncodingHasAnAvroSymbolOfTheSameName() {
        assertThat(Arrays.stream(io.ultraline.avro.ImageEncoding.values()).map(Enum::name))
                .containsExactlyInAnyOrder(
                        Arrays.stream(FrameEncoding.values()).map(Enum::name).toArray(String[]::new));
    }
}
