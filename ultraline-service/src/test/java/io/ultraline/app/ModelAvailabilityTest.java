package io.ultraline.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ultraline.model.ModelUnavailableException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ModelAvailabilityTest {

    @Test
    void aModelOutageIsCountedAndReportedUntilABatchGoesThroughAgain() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Clock clock = Clock.fixed(Instant.parse("2026-12-06T01:00:00Z"), ZoneOffset.UTC);
        ModelAvailability availability = new ModelAvailability(registry, clock);
        assertThat(availability.problem()).isNull();

        availability.modelUnavailable(new ModelUnavailableException("the model runner is closed"));
        availability.modelUnavailable(new ModelUnavailableException("the model ran out of memory"));

        assertThat(availability.problem()).contains("2026-12-06T01:00:00Z").contains("out of memory");
        assertThat(registry.get("ultraline.model.unavailable").counter().count())
                .isEqualTo(2.0);

        availability.modelAvailable();
        assertThat(availability.problem()).isNull();
        assertThat(registry.get("ultraline.model.unavailable").counter().count())
                .isEqualTo(2.0);
    }
}
