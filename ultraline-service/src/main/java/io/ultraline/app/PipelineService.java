package io.ultraline.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.ultraline.serde.SerdeConfig;
import io.ultraline.stream.FrameDecoding;
import io.ultraline.stream.InspectionTopology;
import io.ultraline.stream.OutputLimits;
import io.ultraline.stream.PipelineObserver;
import io.ultraline.stream.PipelineQueries;
import io.ultraline.stream.PipelineTopics;
import io.ultraline.stream.PipelineUncaughtExceptionHandler;
import io.ultraline.stream.StreamsConfigs;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inspection topology running in this instance: checks Kafka, builds the topology over the
 * shared model, starts the streams client at application start with its meters bound
 * ({@link StreamsMeters}) and closes both cleanly (committing what was processed) when the
 * application stops.
 */
@Context
public final class PipelineService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineService.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaStreams streams;
    private final PipelineTopics topics;
    private final PipelineQueries queries;
    private final HostInfo self;
    private final StreamsMeters meters;
    private final Map<String, Object> streamsSettings;
    private final AtomicBoolean closed = new AtomicBoolean();

    PipelineService(
            ServiceSettings settings,
            SharedModelRunner model,
            ServiceMetrics metrics,
            RecentFrames recent,
            VerdictHistory history,
            ModelAvailability availability,
            MeterRegistry registry) {
        KafkaSettings kafka = settings.kafka();
        Map<String, Object> serdeConfig = settings.serdeConfig();
        topics = PipelineTopics.avro(serdeConfig).withPrefix(KafkaSettings.text(kafka.topicPrefix()));
        KafkaPreflight.check(
                kafka,
                settings.passThrough().forAdmin(),
                topics.names(),
                recordLimits(topics, settings.pipeline().outputs()));

        PipelineObserver observer = PipelineObserver.all(List.of(metrics, recent, history, availability));
        Topology topology = InspectionTopology.build(
                topics,
                model.inspection(),
                FrameDecoding.standard(settings.pipeline().limits()),
                Clock.systemUTC(),
                settings.pipeline(),
                observer);
        Map<String, Object> user = new HashMap<>(kafka.clientConfig());
        // keys the named settings own are refused at start (ClientPassThrough), so nothing here is overwritten
        user.putAll(settings.passThrough().kafka());
        user.putAll(serdeConfig);
        user.put(StreamsConfig.STATE_DIR_CONFIG, kafka.stateDir().trim());
        user.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, kafka.streamThreads());
        user.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), kafka.sessionTimeoutMs());
        String endpoint = KafkaSettings.text(kafka.advertisedEndpoint());
        self = endpoint.isEmpty() ? HostInfo.unavailable() : HostInfo.buildFromEndpoint(endpoint);
        if (!endpoint.isEmpty()) {
            user.put(StreamsConfig.APPLICATION_SERVER_CONFIG, endpoint);
        }
        user.put(PipelineObserver.CONFIG, observer);
        streamsSettings = java.util.Collections.unmodifiableMap(
                StreamsConfigs.forPipeline(kafka.applicationId().trim(), user, topics, settings.pipeline()));
        streams = new KafkaStreams(topology, StreamsConfigs.asProperties(streamsSettings));
        streams.setUncaughtExceptionHandler(new PipelineUncaughtExceptionHandler());
        RecentFramesRebalance rebalance =
                new RecentFramesRebalance(topics.frames().name(), () -> streams.metadataForLocalThreads(), recent);
        streams.setStateListener((now, before) -> {
            LOG.info("Streams client {} -> {}", before, now);
            rebalance.stateChanged(now, before);
        });
        queries = new PipelineQueries(streams, self);
        meters = StreamsMeters.bind(registry, streams, queries);
        streams.start();
        LOG.info(
                "Pipeline {} started on {} (topics {}, registry {})",
                kafka.applicationId(),
                kafka.bootstrapServers(),
                topics.names(),
                Redaction.urls(String.valueOf(serdeConfig.get(SerdeConfig.SCHEMA_REGISTRY_URL))));
    }

    /** What the output topics must accept for the pipeline's size guard to hold. */
    static Map<String, TopicRecordLimits.Required> recordLimits(PipelineTopics topics, OutputLimits limits) {
        TopicRecordLimits.Required outputs = new TopicRecordLimits.Required(
                limits.maxRecordBytes(), OutputLimits.KEY_MAX_RECORD_BYTES + " (ULTRALINE_OUTPUTS_MAX_RECORD_BYTES)");
        return Map.of(
                topics.verdicts().name(),
                outputs,
                topics.defects().name(),
                outputs,
                topics.explanations().name(),
                outputs,
                topics.deadLetters().name(),
                new TopicRecordLimits.Required(
                        limits.maxDeadLetterBytes(),
                        OutputLimits.KEY_MAX_DEAD_LETTER_BYTES + " (ULTRALINE_DEAD_LETTERS_MAX_RECORD_BYTES)"));
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** The settings the streams client was created with: named settings, pass-through keys, the pipeline's. */
    public Map<String, Object> streamsSettings() {
        return streamsSettings;
    }

    public PipelineTopics topics() {
        return topics;
    }

    public PipelineQueries queries() {
        return queries;
    }

    /** This instance's application.server, {@link HostInfo#unavailable()} when none is configured. */
    public HostInfo self() {
        return self;
    }

    /** Closes the streams client: in-flight work is committed or aborted, never half written. */
    @PreDestroy
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            LOG.info("Closing the streams client");
            streams.close(CLOSE_TIMEOUT);
            meters.close();
        }
    }
}
