package io.ultraline.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ultraline.stream.PipelineObserver;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether the model runs, as the pipeline reports it: a failure that belongs to no frame (the
 * runner closed, out of memory, failing on a neutral frame) makes the instance not ready until a
 * batch goes through again, and counts in {@code ultraline_model_unavailable_total}. The frames of
 * the failed batch are not lost: their task fails uncommitted and retries them.
 */
@Singleton
public final class ModelAvailability implements PipelineObserver {

    /** The last failure, while no batch has gone through since. */
    record Outage(Instant since, String cause) {}

    private final Counter failures;
    private final Clock clock;
    private final AtomicReference<Outage> outage = new AtomicReference<>();

    @Inject
    ModelAvailability(MeterRegistry registry) {
        this(registry, Clock.systemUTC());
    }

    ModelAvailability(MeterRegistry registry, Clock clock) {
        this.clock = clock;
        this.failures = Counter.builder("ultraline.model.unavailable")
                .description("Model failures that belong to no frame; the batch is retried, not dead-lettered")
                .register(registry);
    }

    @Override
    public void modelUnavailable(Throwable cause) {
        failures.increment();
        String message = String.valueOf(cause.getMessage());
        outage.updateAndGet(o -> new Outage(
                o == null ? clock.instant() : o.since(),
                message.length() > 300 ? message.substring(0, 300) + "..." : message));
    }

    @Override
    public void modelAvailable() {
        if (outage.get() != null) {
            outage.set(null);
        }
    }

    /** What is wrong with the model, or null while it runs. */
    String problem() {
        Outage o = outage.get();
        return o == null ? null : "failing since " + o.since() + ": " + o.cause();
    }
}
