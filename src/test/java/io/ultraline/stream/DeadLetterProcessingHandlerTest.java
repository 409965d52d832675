package io.ultraline.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultraline.avro.RejectReason;
import io.ultraline.avro.RejectedFrame;
import io.ultraline.serde.RegistryUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler.Response;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler.Result;
import org.apache.kafka.streams.processor.TaskId;
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
    private final DeadLetterProcessingHandler handler = configured(plainSerializer(encoded));

    @Test
    void aFailureInAValidationNodeIsDeadLetteredAndTheStreamResumes() {
        Response r = handler.handleError(context(NodeNames.FRAMES_VALIDATE), RECORD, BUG);
        assertThat(r.result()).isEqualTo(Result.RESUME);
        assertThat(r.deadLetterQueueRecords()).hasSize(1);
        assertThat(r.deadLetterQueueRecords().get(0).topic()).isEqualTo("line.frames.dlq");
        RejectedFrame rejected = decode(r.deadLetterQueueRecords().get(0).value());
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
            assertThat(handler.handleError(context(node), null, BUG).result()).as(node).isEqualTo(Result.FAIL);
        }
        assertThat(encoded).as("dead letters encoded").hasValue(0);
    }

    @Test
    void aRegistryOutageFailsTheTaskEvenInAValidationOrAlertNode() {
        RuntimeException outage = new RuntimeException("wrapped", new RegistryUnavailableException(
                List.of("http://127.0.0.1:1"), 3, "registry down", null));
        for (String node : List.of(NodeNames.FRAMES_VALIDATE, NodeNames.CALIBRATION_VALIDATE,
                NodeNames.LINE_ALERTS)) {
            assertThat(handler.handleError(context(node), RECORD, outage).result()).as(node)
                    .isEqualTo(Result.FAIL);
        }
        assertThat(encoded).as("dead letters encoded").hasValue(0);
    }

    @Test
    void aFailureInTheInferenceNodeFailsTheTask() {
        assertThat(handler.handleError(context(NodeNames.INFERENCE), RECORD, BUG).result()).isEqualTo(Result.FAIL);
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
        Map<String, Object> configs = new HashMap<>();
        configs.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "line.frames.dlq");
        configs.put(DeadLetterEncoder.SERIALIZER_CONFIG, serializer);
        DeadLetterProcessingHandler h = new DeadLetterProcessingHandler();
        h.configure(configs);
        return h;
    }

    private static Serializer<RejectedFrame> plainSerializer(AtomicInteger calls) {
        return (topic, value) -> {
            calls.incrementAndGet();
            try {
                ByteBuffer b = value.toByteBuffer();
                byte[] out = new byte[b.remaining()];
                b.get(out);
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    private static RejectedFrame decode(byte[] bytes) {
        try {
            return RejectedFrame.fromByteBuffer(ByteBuffer.wrap(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ErrorHandlerContext context(String node) {
        return new ErrorHandlerContext() {
            @Override
            public String topic() {
                return "line.frames";
            }

            @Override
            public int partition() {
                return 0;
            }

            @Override
            public long offset() {
                return 17L;
            }

            @Override
            public Headers headers() {
                return new RecordHeaders();
            }

            @Override
            public String processorNodeId() {
                return node;
            }

            @Override
            public TaskId taskId() {
                return new TaskId(0, 0);
            }

            @Override
            public long timestamp() {
                return 1_700_000_000_000L;
            }

            @Override
            public byte[] sourceRawKey() {
                return KEY;
            }

            @Override
            public byte[] sourceRawValue() {
                return VALUE;
            }
        };
    }
}
