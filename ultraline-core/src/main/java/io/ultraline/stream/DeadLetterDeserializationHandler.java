package io.ultraline.stream;

import io.ultraline.avro.RejectReason;
import io.ultraline.avro.RejectedFrame;
import io.ultraline.avro.SourceRef;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dead-letters records of the input topics that do not deserialize (no magic byte, unknown schema
 * id, truncated or corrupt body, another record type) through Kafka Streams' own dead-letter
 * mechanism (KIP-1034): the response carries a {@code RejectedFrame}, serialized with the project's
 * Avro serde, for {@code errors.dead.letter.queue.topic.name}; Kafka Streams sends it through the
 * task's record collector, i.e. in the same transaction as the input offset under exactly_once_v2,
 * and the stream continues with the next record.
 *
 * <p>A schema registry outage is not the record's fault: the handler answers FAIL without a dead
 * letter, the task's transaction is aborted, and the record is read again once the stream thread is
 * replaced (see {@link PipelineUncaughtExceptionHandler}). The serde's own retries with backoff pace
 * the attempts. If the dead letter itself cannot be serialized, the handler fails too rather than
 * drop the record.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    private DeadLetterEncoder encoder;

    @Override
    public void configure(Map<String, ?> configs) {
        encoder = DeadLetterEncoder.fromConfigs(configs);
    }

    @Override
    public Response handleError(
            ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        String where = DeadLetters.where(context);
        if (DeadLetters.isRegistryOutage(exception)) {
            LOG.error(
                    "Schema registry unavailable while reading {}; failing the task so that the record is read "
                            + "again once the registry is back (not dead-lettered)",
                    where,
                    exception);
            return Response.fail();
        }
        RejectReason reason = DeadLetters.deserializationReason(exception);
        RejectedFrame rejected = DeadLetters.of(
                new SourceRef(context.topic(), context.partition(), context.offset()),
                record.timestamp(),
                record.key(),
                record.value(),
                DeadLetters.lastHeaderValues(record.headers()),
                reason,
                exception.getMessage(),
                encoder.pipelineVersion(),
                System.currentTimeMillis(),
                encoder.maxBytes());
        try {
            var deadLetter = encoder.record(record.timestamp(), rejected, record.headers());
            LOG.warn("Dead-lettering {} to {} as {}: {}", where, encoder.topic(), reason, exception.getMessage());
            return Response.resume(List.of(deadLetter));
        } catch (RuntimeException e) {
            e.addSuppressed(exception);
            LOG.error("Cannot write the dead letter of {}; failing the task rather than dropping the record", where, e);
            return Response.fail();
        }
    }
}
