package io.ultraline.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultraline.avro.RejectReason;
import io.ultraline.avro.RejectedFrame;
import io.ultraline.serde.RegistryUnavailableException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.Response;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.Result;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.SerializationExceptionOrigin;
import org.junit.jupiter.api.Test;

/** The production handler's answers: a dead letter of the input for the record's own faults, FAIL otherwise. */
class DeadLetterProductionHandlerTest {

    private static final byte[] KEY = "cam-1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = {0, 0, 0, 0, 1, 42};
    private static final ProducerRecord<byte[], byte[]> VERDICT =
            new ProducerRecord<>("line.verdicts", KEY, new byte[2_000_000]);

    private final DeadLetterProductionHandler handler = configured();

    @Test
    void aRecordTooLargeBecomesADeadLetterOfTheInputInTheSameTransaction() {
        Response r = handler.handleError(context(KEY, VALUE), VERDICT, new RecordTooLargeException("too large"));
        assertThat(r.result()).isEqualTo(Result.RESUME);
        assertThat(r.deadLetterQueueRecords()).hasSize(1);
        ProducerRecord<byte[], byte[]> dead = r.deadLetterQueueRecords().get(0);
        assertThat(dead.topic()).isEqualTo("line.frames.dlq");
        assertThat(dead.key()).isEqualTo(KEY);
        RejectedFrame rejected = HandlerFixtures.decode(dead.value());
        assertThat(rejected.getReason()).isEqualTo(RejectReason.OUTPUT_TOO_LARGE);
        assertThat(rejected.getMessage()).contains("line.verdicts").contains("2000005 bytes");
        assertThat(rejected.getOriginalValue()).isEqualTo(ByteBuffer.wrap(VALUE));
        assertThat(rejected.getSource().getOffset()).isEqualTo(17L);
    }

    @Test
    void aSerializationFailureBecomesADeadLetterButARegistryOutageFailsTheTask() {
        ProducerRecord<String, Object> record = new ProducerRecord<>("line.verdicts", "cam-1", new Object());
        Response broken = handler.handleSerializationError(
                context(KEY, VALUE),
                record,
                new IllegalStateException("cannot encode"),
                SerializationExceptionOrigin.VALUE);
        assertThat(broken.result()).isEqualTo(Result.RESUME);
        assertThat(HandlerFixtures.decode(broken.deadLetterQueueRecords().get(0).value())
                        .getReason())
                .isEqualTo(RejectReason.PROCESSING_FAILED);

        Response outage = handler.handleSerializationError(
                context(KEY, VALUE),
                record,
                new RegistryUnavailableException(java.util.List.of("http://127.0.0.1:1"), 3, "registry down", null),
                SerializationExceptionOrigin.VALUE);
        assertThat(outage.result()).isEqualTo(Result.FAIL);
    }

    @Test
    void errorsThatAreNotTheRecordsOwnAndDeadLettersThemselvesFailTheTask() {
        assertThat(handler.handleError(context(KEY, VALUE), VERDICT, new TopicAuthorizationException("denied"))
                        .result())
                .isEqualTo(Result.FAIL);
        ProducerRecord<byte[], byte[]> deadLetter = new ProducerRecord<>("line.frames.dlq", KEY, new byte[10]);
        assertThat(handler.handleError(context(KEY, VALUE), deadLetter, new RecordTooLargeException("too large"))
                        .result())
                .isEqualTo(Result.FAIL);
    }

    @Test
    void anOutputOfAPunctuationWithNoInputRecordIsStillDeadLetteredNamingItsTopic() {
        // a profile whose background build finished in a punctuation: no topic, offset or bytes
        ErrorHandlerContext punctuation = new PunctuationContext();
        ProducerRecord<byte[], byte[]> profile = new ProducerRecord<>("line.profiles", KEY, new byte[2_000_000]);

        Response r = handler.handleError(punctuation, profile, new RecordTooLargeException("too large"));

        assertThat(r.result()).isEqualTo(Result.RESUME);
        RejectedFrame rejected =
                HandlerFixtures.decode(r.deadLetterQueueRecords().get(0).value());
        assertThat(rejected.getReason()).isEqualTo(RejectReason.OUTPUT_TOO_LARGE);
        assertThat(rejected.getMessage()).contains("line.profiles");
        assertThat(rejected.getOriginalValue()).isNull();
    }

    /** The context Kafka Streams gives a production error raised by a punctuation's output. */
    private record PunctuationContext() implements ErrorHandlerContext {
        @Override
        public String topic() {
            return null;
        }

        @Override
        public int partition() {
            return -1;
        }

        @Override
        public long offset() {
            return -1L;
        }

        @Override
        public org.apache.kafka.common.header.Headers headers() {
            return new org.apache.kafka.common.header.internals.RecordHeaders();
        }

        @Override
        public String processorNodeId() {
            return NodeNames.INFERENCE;
        }

        @Override
        public org.apache.kafka.streams.processor.TaskId taskId() {
            return new org.apache.kafka.streams.processor.TaskId(0, 0);
        }

        @Override
        public long timestamp() {
            return 1_700_000_000_000L;
        }

        @Override
        public byte[] sourceRawKey() {
            return null;
        }

        @Override
        public byte[] sourceRawValue() {
            return null;
        }
    }

    private static DeadLetterProductionHandler configured() {
        DeadLetterProductionHandler h = new DeadLetterProductionHandler();
        h.configure(HandlerFixtures.configs(HandlerFixtures.plainSerializer(new AtomicInteger())));
        return h;
    }

    private static ErrorHandlerContext context(byte[] key, byte[] value) {
        return new HandlerFixtures.FakeContext(NodeNames.INFERENCE, key, value);
    }
}
