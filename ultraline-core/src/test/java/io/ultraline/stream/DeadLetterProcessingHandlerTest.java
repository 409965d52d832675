package io.ultraline.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultraline.avro.RejectReason;
import io.ultraline.avro.RejectedFrame;
import io.ultraline.serde.RegistryUnavailableException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler.Response;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler.Result;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/**
 * Each branch of the processing handler: dead letter in a validation node, RESUME without one in an
 * alert node, FAIL for punctuations, registry outages, other nodes and dead letters that cannot be
 * encoded.
 */
class DeadLetterProcessingHandlerTest {

    private static final byte[] KEY = "cam-1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = {0, 0, 0, 0, 1, 42};
    private static final Record<byte[], byte[]> RECORD = new Record<>(KEY, VALUE, 1_700_000_000_000L);
    private static final RuntimeException BUG = new IllegalStateException("bug");

    private final AtomicInteger encoded = new AtomicInteger();
    private final DeadLetterProcessingHandler handler = configured(HandlerFixtures.plainSerializer(encoded));

    @Test
    void aFailureInAValidationNodeIsDeadLetteredAndTheStreamResumes() {
        Response r = handler.handleError(context(NodeNames.FRAMES_VALIDATE), RECORD, BUG);
        assertThat(r.result()).isEqualTo(Result.RESUME);
        assertThat(r.deadLetterQueueRecords()).hasSize(1);
        assertThat(r.deadLetterQueueRecords().get(0).topic()).isEqualTo("line.frames.dlq");
        RejectedFrame rejected =
                HandlerFixtures.decode(r.deadLetterQueueRecords().get(0).value());
        assertThat(rejected.getReason()).isEqualTo(RejectReason.PROCESSING_FAILED);
        assertThat(rejected.getMessage()).contains(NodeNames.FRAMES_VALIDATE).contains("bug");
        assertThat(rejected.getOriginalValue()).isEqualTo(ByteBuffer.wrap(VALUE));
    }

    @Test
    void aFailureInAnAlertNodeResumesWithoutADeadLetter() {
        for (String node : List.of(NodeNames.CAMERA_ALERTS, NodeNames.LINE_ALERTS)) {
            Response r = handler.handleError(context(node), RECORD, BUG);
            assertThat(r.result()).as(node).isEqualTo(Result.RESUME);
            assertThat(r.deadLetterQueueRecords()).as(node).isEmpty();
        }
        assertThat(encoded).as("dead letters encoded").hasValue(0);
    }

    @Test
    void aFailedPunctuationFailsTheTaskWhateverTheNode() {
        // record == null is how Kafka Streams reports a punctuation; even a validation or alert node
        // must not resume, since the punctuation's own writes are in the transaction to abort.
        for (String node : List.of(NodeNames.FRAMES_VALIDATE, NodeNames.CAMERA_ALERTS, NodeNames.INFERENCE)) {
            assertThat(handler.handleError(context(node), null, BUG).result())
                    .as(node)
                    .isEqualTo(Result.FAIL);
        }
        assertThat(encoded).as("dead letters encoded").hasValue(0);
    }

    @Test
    void aRegistryOutageFailsTheTaskEvenInAValidationOrAlertNode() {
        RuntimeException outage = new RuntimeException(
                "wrapped", new RegistryUnavailableException(List.of("http://127.0.0.1:1"), 3, "registry down", null));
        for (String node : List.of(NodeNames.FRAMES_VALIDATE, NodeNames.CALIBRATION_VALIDATE, NodeNames.LINE_ALERTS)) {
            assertThat(handler.handleError(context(node), RECORD, outage).result())
                    .as(node)
                    .isEqualTo(Result.FAIL);
        }
        assertThat(encoded).as("dead letters encoded").hasValue(0);
    }

    @Test
    void aFailureInTheInferenceNodeFailsTheTask() {
        assertThat(handler.handleError(context(NodeNames.INFERENCE), RECORD, BUG)
                        .result())
                .isEqualTo(Result.FAIL);
    }

    @Test
    void aDeadLetterThatCannotBeEncodedFailsTheTask() {
        Serializer<RejectedFrame> broken = (topic, value) -> {
            throw new IllegalStateException("cannot encode");
        };
        Response r = configured(broken).handleError(context(NodeNames.FRAMES_VALIDATE), RECORD, BUG);
        assertThat(r.result()).isEqualTo(Result.FAIL);
    }

    private static DeadLetterProcessingHandler configured(Serializer<RejectedFrame> serializer) {
        DeadLetterProcessingHandler h = new DeadLetterProcessingHandler();
        h.configure(HandlerFixtures.configs(serializer));
        return h;
    }

    private static ErrorHandlerContext context(String node) {
        return new HandlerFixtures.FakeContext(node, KEY, VALUE);
    }
}
