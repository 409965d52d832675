package io.ultraline.app;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.reactivestreams.Publisher;

/** The service's own health indicators (micronaut-kafka's does not work with Kafka 4). */
final class PipelineHealth {

    private PipelineHealth() {
    }

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
                    .details(Map.of("state", state.name())).build());
        }
    }

    /** Ready when the model is loaded and warmed, the streams client RUNNING and the registry answering. */
    @Singleton
    @Readiness
    static final class PipelineReadiness implements HealthIndicator {

        private final PipelineService pipeline;
        private final InspectionModel model;
        private final RegistryProbe registry;

        PipelineReadiness(PipelineService pipeline, InspectionModel model, RegistryProbe registry) {
            this.pipeline = pipeline;
            this.model = model;
            this.registry = registry;
        }

        @Override
        public Publisher<HealthResult> getResult() {
            KafkaStreams.State state = pipeline.state();
            String registryProblem = registry.problem();
            boolean ready = model.isReady() && state == KafkaStreams.State.RUNNING && registryProblem == null;
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("model", model.isReady() ? "loaded and warmed" : "not loaded");
            details.put("streams", state.name());
            details.put("registry", registryProblem == null ? "reachable" : registryProblem);
            return Publishers.just(HealthResult.builder("ultraline-pipeline", ready ? HealthStatus.UP : HealthStatus.DOWN)
                    .details(details).build());
        }
    }
}
