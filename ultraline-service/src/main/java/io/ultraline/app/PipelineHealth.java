package io.ultraline.app;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.ultraline.model.runtime.ComputeDevice;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.reactivestreams.Publisher;

/** The service's own health indicators (micronaut-kafka's does not work with Kafka 4). */
final class PipelineHealth {

    private PipelineHealth() {}

    /** Live while the streams client has not failed for good: an ERROR client needs a restart. */
    @Singleton
    @Liveness
    static final class StreamsLiveness implements HealthIndicator {

        private final PipelineService pipeline;

        StreamsLiveness(PipelineService pipeline) {
            this.pipeline = pipeline;
        }

        @Override
        public Publisher<HealthResult> getResult() {
            KafkaStreams.State state = pipeline.state();
            boolean dead = state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR;
            return Publishers.just(HealthResult.builder("ultraline-streams", dead ? HealthStatus.DOWN : HealthStatus.UP)
                    .details(Map.of("state", state.name()))
                    .build());
        }
    }

    /**
     * Where the model runs: UP with the device in the details, or WARNING when it is not the
     * expected one ({@code ULTRALINE_MODEL_DEVICE}; a GPU deployment that fell back to the CPU). Not
     * a readiness check: the model still answers, only slower than the deployment was sized for, and
     * an instance taken out of service would not make it faster. It shows on {@code /health} as the
     * component {@code ultraline-model-device}, next to a WARN log line at start.
     */
    @Singleton
    static final class ModelDevice implements HealthIndicator {

        /**
         * Operational, so the endpoint still answers 200. Micronaut ranks no status above UP by
         * severity, so the overall /health status may read UP: the warning is this component's.
         */
        static final HealthStatus WARNING =
                new HealthStatus("WARNING", "the model runs on an unexpected device", true, 1);

        private final SharedModelRunner model;

        ModelDevice(SharedModelRunner model) {
            this.model = model;
        }

        @Override
        public Publisher<HealthResult> getResult() {
            return Publishers.just(result(model.device(), model.deviceMismatch()));
        }

        static HealthResult result(ComputeDevice device, String mismatch) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("device", device.kind());
            details.put("devices", device.devices());
            details.put("nativeBuild", device.nativeBuild());
            if (mismatch != null) {
                details.put("warning", mismatch);
            }
            return HealthResult.builder("ultraline-model-device", mismatch == null ? HealthStatus.UP : WARNING)
                    .details(details)
                    .build();
        }
    }

    /**
     * Ready when the model is loaded, warmed and running (no failure that belongs to no frame since
     * the last batch), the streams client RUNNING and the registry answering. Created with the
     * context, so {@code ultraline_ready} (the same answer, for alert rules) is there from the
     * first scrape.
     */
    @Context
    @Readiness
    static final class PipelineReadiness implements HealthIndicator {

        private final PipelineService pipeline;
        private final SharedModelRunner model;
        private final RegistryProbe registry;
        private final ModelAvailability availability;

        PipelineReadiness(
                PipelineService pipeline,
                SharedModelRunner model,
                RegistryProbe registry,
                ModelAvailability availability,
                MeterRegistry meters) {
            this.pipeline = pipeline;
            this.model = model;
            this.registry = registry;
            this.availability = availability;
            Gauge.builder("ultraline.ready", this, r -> r.ready() ? 1 : 0)
                    .description(
                            "1 while /health/readiness reports UP: model running, streams RUNNING, registry reachable")
                    .register(meters);
        }

        private boolean ready() {
            return model.isReady()
                    && availability.problem() == null
                    && pipeline.state() == KafkaStreams.State.RUNNING
                    && registry.problem() == null;
        }

        @Override
        public Publisher<HealthResult> getResult() {
            KafkaStreams.State state = pipeline.state();
            String registryProblem = registry.problem();
            String modelProblem = availability.problem();
            boolean ready = model.isReady()
                    && modelProblem == null
                    && state == KafkaStreams.State.RUNNING
                    && registryProblem == null;
            Map<String, Object> details = new LinkedHashMap<>();
            details.put(
                    "model",
                    !model.isReady()
                            ? "not loaded"
                            : modelProblem == null ? "loaded and warmed" : "cannot run, " + modelProblem);
            details.put(
                    "device",
                    model.device() == null ? "unknown" : model.device().kind());
            details.put("streams", state.name());
            details.put("registry", registryProblem == null ? "reachable" : registryProblem);
            return Publishers.just(
                    HealthResult.builder("ultraline-pipeline", ready ? HealthStatus.UP : HealthStatus.DOWN)
                            .details(details)
                            .build());
        }
    }
}
