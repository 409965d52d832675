package io.ultraline.app;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.ultraline.avro.AlertScope;
import io.ultraline.stream.PipelineQueries;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The meters of one streams client, bound while it runs and removed when it closes:
 * <ul>
 *   <li>Kafka Streams' own client metrics (consumer lag, process and commit rates and latencies,
 *       restore progress), as Micrometer's {@link KafkaStreamsMetrics} names them
 *       ({@code kafka_consumer_fetch_manager_records_lag}, {@code kafka_stream_thread_process_rate}, ...);</li>
 *   <li>{@code ultraline_alerts_open{scope}}: the open alerts in this instance's state stores. Read
 *       from the stores at each scrape, so after a rebalance the count moves with the partitions
 *       instead of staying on the instance that saw the alert open.</li>
 * </ul>
 */
final class StreamsMeters implements AutoCloseable {

    private final MeterRegistry registry;
    private final KafkaStreamsMetrics client;
    private final List<Meter> own = new ArrayList<>();

    private StreamsMeters(MeterRegistry registry, KafkaStreams streams, PipelineQueries queries) {
        this.registry = registry;
        this.client = new KafkaStreamsMetrics(streams);
        for (AlertScope scope : List.of(AlertScope.CAMERA, AlertScope.LINE)) {
            own.add(Gauge.builder("ultraline.alerts.open", queries, q -> count(q, scope))
                    .description("Open alerts in this instance's state stores, by scope")
                    .tag("scope", scope.name())
                    .register(registry));
        }
    }

    /** Binds the meters of {@code streams} to {@code registry}; call before the client starts. */
    static StreamsMeters bind(MeterRegistry registry, KafkaStreams streams, PipelineQueries queries) {
        StreamsMeters meters = new StreamsMeters(registry, streams, queries);
        meters.client.bindTo(registry);
        return meters;
    }

    private static double count(PipelineQueries queries, AlertScope scope) {
        return queries.localOpenAlerts().stream()
                .filter(a -> a.getScope() == scope)
                .count();
    }

    /** Removes the client's meters (the binder's refresh stops) and the store-backed gauges. */
    @Override
    public void close() {
        client.close();
        own.forEach(registry::remove);
    }
}
