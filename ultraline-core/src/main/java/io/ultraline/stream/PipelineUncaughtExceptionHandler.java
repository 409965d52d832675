package io.ultraline.stream;

import io.ultraline.model.ModelUnavailableException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For {@code KafkaStreams#setUncaughtExceptionHandler}: a stream thread that died of a schema
 * registry outage, or because the model cannot run at all ({@code ModelUnavailableException}), is
 * replaced, so processing resumes from the last commit once the registry answers or the model runs
 * again; any other fatal error shuts the client down (a bug that fails every attempt would otherwise
 * loop). Failed tasks never lose data under exactly_once_v2: their transactions are aborted.
 *
 * <p>A replacement does not get the dead thread's partitions at once: the dead thread's consumer
 * stays a group member until its session expires ({@code session.timeout.ms}, 45 s by default; seen
 * in RegistryOutageIT), so each replacement stalls those tasks that long. A broker restart, by
 * contrast, kills no thread (BrokerRestartIT): the clients reconnect and the group rebalances.
 */
public final class PipelineUncaughtExceptionHandler implements StreamsUncaughtExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineUncaughtExceptionHandler.class);

    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        if (DeadLetters.isRegistryOutage(exception)) {
            LOG.warn(
                    "Stream thread failed because the schema registry is unavailable; replacing the thread", exception);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        if (isModelUnavailable(exception)) {
            LOG.error(
                    "Stream thread failed because the model cannot run; replacing the thread, which retries the "
                            + "uncommitted frames",
                    exception);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        LOG.error("Stream thread failed; shutting the client down", exception);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    private static boolean isModelUnavailable(Throwable failure) {
        return CauseChain.find(failure, ModelUnavailableException.class).isPresent();
    }
}
