package io.ultraline.stream;

import io.ultraline.avro.RejectReason;
import io.ultraline.avro.RejectedFrame;
import io.ultraline.avro.SourceRef;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last net behind the inference node's own size check ({@link OutputLimits}): an output that
 * cannot be serialized, or that the producer refuses as too large or invalid, becomes a dead letter
 * of the input record being processed, written in the same transaction, instead of failing the
 * client. A schema registry outage still fails the task (the record is good; it is retried), and so
 * does any error that is not the record's own. In a punctuation (a batch flushed by its wait) the
 * input record is unknown: the dead letter then names the output's topic and size but has no
 * original bytes, which is why the size check comes first.
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProductionHandler.class);

    private DeadLetterEncoder encoder;

    @Override
    public void configure(Map<String, ?> configs) {
        encoder = DeadLetterEncoder.fromConfigs(configs);
    }

    @Override
    public Response handleError(
            ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (!(exception instanceof RecordTooLargeException || exception instanceof InvalidRecordException)) {
            LOG.error(
                    "Writing to {} failed in {}; failing the task",
                    record.topic(),
                    DeadLetters.where(context),
                    exception);
            return Response.fail();
        }
        return deadLetter(context, record.topic(), size(record), RejectReason.OUTPUT_TOO_LARGE, exception);
    }

    @Override
    public Response handleSerializationError(
            ErrorHandlerContext context,
            ProducerRecord record,
            Exception exception,
            SerializationExceptionOrigin origin) {
        if (DeadLetters.isRegistryOutage(exception)) {
            LOG.error(
                    "Schema registry unavailable while writing to {} in {}; failing the task so that it retries",
                    record.topic(),
                    DeadLetters.where(context),
                    exception);
            return Response.fail();
        }
        return deadLetter(context, record.topic(), -1, RejectReason.PROCESSING_FAILED, exception);
    }

    private Response deadLetter(
            ErrorHandlerContext context, String topic, long size, RejectReason reason, Exception exception) {
        String where = DeadLetters.where(context);
        if (topic.equals(encoder.topic())) {
            LOG.error("A dead letter itself cannot be written to {} in {}; failing the task", topic, where, exception);
            return Response.fail();
        }
        String message =
                "output to " + topic + (size >= 0 ? " of " + size + " bytes" : "") + " cannot be written: " + exception;
        RejectedFrame rejected = DeadLetters.of(
                new SourceRef(String.valueOf(context.topic()), context.partition(), context.offset()),
                context.timestamp(),
                context.sourceRawKey(),
                context.sourceRawValue(),
                DeadLetters.lastHeaderValues(context.headers()),
                reason,
                message,
                encoder.pipelineVersion(),
                System.currentTimeMillis(),
                encoder.maxBytes());
        try {
            var deadLetter = encoder.record(context.timestamp(), rejected, context.headers());
            LOG.warn("Dead-lettering the input of {} as {}: {}", where, reason, message);
            return Response.resume(List.of(deadLetter));
        } catch (RuntimeException e) {
            e.addSuppressed(exception);
            LOG.error("Cannot write the dead letter of {}; failing the task", where, e);
            return Response.fail();
        }
    }

    private static long size(ProducerRecord<byte[], byte[]> record) {
        return (record.key() == null ? 0L : record.key().length)
                + (record.value() == null ? 0L : record.value().length);
    }
}
