package io.ultraline.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultraline.model.ModelUnavailableException;
import io.ultraline.serde.RegistryUnavailableException;
import java.util.List;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Which thread deaths are retried (REPLACE_THREAD) and which stop the client (SHUTDOWN_CLIENT). */
class PipelineUncaughtExceptionHandlerTest {

    private final PipelineUncaughtExceptionHandler handler = new PipelineUncaughtExceptionHandler();

    @Test
    void anUnknownFailureShutsTheClientDown() {
        // A bug would fail every replacement thread too, so it must not loop.
        assertThat(handler.handle(new IllegalStateException("bug")))
                .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(handler.handle(new StreamsException("task failed", new NullPointerException("bug"))))
                .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(handler.handle(new OutOfMemoryError("heap")))
                .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }

    @Test
    @Timeout(5)
    void anExceptionThatIsItsOwnCauseEndsTheWalkAndShutsTheClientDown() {
        RuntimeException selfCaused = new RuntimeException("loops") {
            @Override
            public synchronized Throwable getCause() {
                return this;
            }
        };
        assertThat(handler.handle(selfCaused)).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }

    @Test
    void aRegistryOutageReplacesTheThread() {
        RegistryUnavailableException outage =
                new RegistryUnavailableException(List.of("http://127.0.0.1:1"), 3, "registry down", null);
        assertThat(handler.handle(outage)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(handler.handle(new StreamsException("task failed", new RuntimeException("serde", outage))))
                .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }

    @Test
    void anUnavailableModelAnywhereInTheCauseChainReplacesTheThread() {
        ModelUnavailableException model = new ModelUnavailableException("runner closed");
        assertThat(handler.handle(model)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(handler.handle(
                        new StreamsException("task failed", new IllegalStateException("batch failed", model))))
                .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }
}
