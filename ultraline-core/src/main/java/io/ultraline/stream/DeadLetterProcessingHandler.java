package io.ultraline.stream;

import io.ultraline.avro.RejectReason;
import io.ultraline.avro.RejectedFrame;
import io.ultraline.avro.SourceRef;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The safety net behind the processors, which dead-letter the failures they expect themselves.
 * An unexpected exception is handled by where it happened:
 * <ul>
 *   <li>in a validation node (nothing about the record is stored yet): the input record is
 *       dead-lettered with PROCESSING_FAILED and its original bytes (KIP-1034 response), and the
 *       stream continues;</li>
 *   <li>in an alert node (the frame has its verdict already): logged at ERROR, the stream
 *       continues, so the frame is missing from that alert window only;</li>
 *   <li>in the inference node, in a punctuation, or on a schema registry outage: FAIL. Under
 *       exactly_once_v2 the task's transaction is aborted, so its stores and outputs fall back to the
 *       last commit together, and the thread is replaced ({@link PipelineUncaughtExceptionHandler});
 *       dead-lettering there could leave a frame both buffered and dead-lettered.</li>
 * </ul>
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);
    private static final Set<String> DEAD_LETTER_NODES =
            Set.of(NodeNames.FRAMES_VALIDATE, NodeNames.CALIBRATION_VALIDATE);
    private static final Set<String> SKIP_NODES = Set.of(NodeNames.CAMERA_ALERTS, NodeNames.LINE_ALERTS);

    private DeadLetterEncoder encoder;

    @Override
    public void configure(Map<String, ?> configs) {
        encoder = DeadLetterEncoder.fromConfigs(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        String node = context.processorNodeId();
        String where = DeadLetters.where(context);
        if (DeadLetters.isRegistryOutage(exception)) {
            LOG.error(
                    "Schema registry unavailable in {}; failing the task so that it retries from its last commit",
                    where,
                    exception);
            return Response.fail();
        }
        if (record == null) {
            LOG.error("Punctuation of {} failed; failing the task, whose transaction is aborted", where, exception);
            return Response.fail();
        }
        if (SKIP_NODES.contains(node)) {
            LOG.error(
                    "Alert processing failed in {}; the frame keeps its verdict and is left out of the window",
                    where,
                    exception);
            return Response.resume();
        }
        if (!DEAD_LETTER_NODES.contains(node)) {
            LOG.error("Processing failed in {}; failing the task, whose transaction is aborted", where, exception);
            return Response.fail();
        }
        RejectedFrame rejected = DeadLetters.of(
                new SourceRef(context.topic(), context.partition(), context.offset()),
                context.timestamp(),
                context.sourceRawKey(),
                context.sourceRawValue(),
                DeadLetters.lastHeaderValues(context.headers()),
                RejectReason.PROCESSING_FAILED,
                node + " failed: " + exception,
                encoder.pipelineVersion(),
                System.currentTimeMillis(),
                encoder.maxBytes());
        try {
            var deadLetter = encoder.record(context.timestamp(), rejected, context.headers());
            LOG.warn("Dead-lettering {} to {} as PROCESSING_FAILED", where, encoder.topic(), exception);
            return Response.resume(List.of(deadLetter));
        } catch (RuntimeException e) {
            e.addSuppressed(exception);
            LOG.error("Cannot write the dead letter of {}; failing the task", where, e);
            return Response.fail();
        }
    }
}
