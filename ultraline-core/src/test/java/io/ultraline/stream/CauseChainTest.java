package io.ultraline.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.ultraline.model.ModelUnavailableException;
import java.time.Duration;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

/** Two exceptions that are each other's cause must not hang the handlers that read cause chains. */
class CauseChainTest {

    @Test
    void aCyclicCauseChainEndsAndStillFindsWhatIsInIt() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertThat(CauseChain.find(a, ModelUnavailableException.class)).isEmpty();
            assertThat(DeadLetters.isRegistryOutage(a)).isFalse();
            assertThat(DeadLetters.deserializationReason(a)).isNotNull();
            assertThat(new PipelineUncaughtExceptionHandler().handle(a))
                    .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        });

        ModelUnavailableException down = new ModelUnavailableException("closed");
        RuntimeException c = new RuntimeException("c", down);
        down.initCause(c);
        assertTimeoutPreemptively(
                Duration.ofSeconds(5),
                () -> assertThat(CauseChain.find(c, ModelUnavailableException.class))
                        .containsSame(down));
    }
}
