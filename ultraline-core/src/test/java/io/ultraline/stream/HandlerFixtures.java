package io.ultraline.stream;

import io.ultraline.avro.RejectedFrame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;

/** What the exception handlers' unit tests share: a context, their configuration, plain dead-letter bytes. */
final class HandlerFixtures {

    static final String DEAD_LETTER_TOPIC = "line.frames.dlq";

    private HandlerFixtures() {}

    /** The context of line.frames-0@17 in {@code node}, with the given source record. */
    record FakeContext(String processorNodeId, byte[] sourceRawKey, byte[] sourceRawValue)
            implements ErrorHandlerContext {

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
        public TaskId taskId() {
            return new TaskId(0, 0);
        }

        @Override
        public long timestamp() {
            return 1_700_000_000_000L;
        }
    }

    /** A handler's settings: the dead-letter topic and {@code serializer} for its records. */
    static Map<String, Object> configs(Serializer<RejectedFrame> serializer) {
        Map<String, Object> configs = new HashMap<>();
        configs.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, DEAD_LETTER_TOPIC);
        configs.put(DeadLetterEncoder.SERIALIZER_CONFIG, serializer);
        return configs;
    }

    /** Avro's single-object encoding instead of the registry's wire format, counting its calls. */
    static Serializer<RejectedFrame> plainSerializer(AtomicInteger calls) {
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

    /** A dead letter written by {@link #plainSerializer}. */
    static RejectedFrame decode(byte[] bytes) {
        try {
            return RejectedFrame.fromByteBuffer(ByteBuffer.wrap(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
