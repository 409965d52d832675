package io.ultraline.stream;

import io.ultraline.avro.AlertScope;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.LineAlert;
import io.ultraline.inspect.FrameInspector;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the inspection topology (docs/design.md section 3) from plain inputs, so the same topology runs in
 * TopologyTestDriver and on a real broker. Starting, stopping and configuration live elsewhere
 * ({@link StreamsConfigs} for the Kafka Streams settings it relies on).
 *
 * <pre>
 * line.frames      -> frames-source -> frames-validate ------\
 * line.calibration -> calibration-source -> calibration-validate -> inference-input -> inference
 *                     [inference-buffer, profiles, calibrations, calibration-tokens]
 * inference -> outputs-{verdicts, defects, explanations, dead-letters, profiles} -> their topics
 * verdicts -> latest-verdicts [latest-verdicts, queryable]
 * verdicts -> camera-alerts [camera-alert-windows] -> line.alerts, open-camera-alerts [queryable]
 * verdicts -> verdicts-by-line (repartition by lineId) -> line-alerts [line-alert-windows] -> line.alerts,
 *             open-line-alerts [queryable]
 * accepted frames and every output also pass a PipelineObserver (metrics, live view)
 * </pre>
 *
 * Every processor, store and internal topic has an explicit name ({@link NodeNames}). The alert
 * branches exist only when the configuration has rules of their scope.
 */
public final class InspectionTopology {

    private InspectionTopology() {}

    /** The topology over a model-backed {@link FrameInspector} and the interim ImageIO decoding. */
    public static Topology build(PipelineTopics topics, FrameInspector inspector, Clock clock, PipelineConfig config) {
        return build(topics, ModelStep.of(inspector), FrameDecoding.standard(config.limits()), clock, config);
    }

    /**
     * The topology over any inspection and decoding.
     *
     * @param topics     topic names and serdes
     * @param inspection the model step, shared by every task and stream thread
     * @param decoding   image decoding and validation
     * @param clock      stamps processedTimestamp, rejectedTimestamp and profile creation times
     * @param config     batching, limits, explanations, alert rules, calibration defaults
     */
    public static Topology build(
            PipelineTopics topics, ModelStep inspection, FrameDecoding decoding, Clock clock, PipelineConfig config) {
        return build(topics, inspection, decoding, clock, config, PipelineObserver.NONE);
    }

    /**
     * The topology over any inspection and decoding, reporting its records to an observer.
     *
     * @param observer sees accepted frames and every output as it is processed (metrics, live view)
     */
    public static Topology build(
            PipelineTopics topics,
            ModelStep inspection,
            FrameDecoding decoding,
            Clock clock,
            PipelineConfig config,
            PipelineObserver observer) {
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(inspection, "inspection");
        Objects.requireNonNull(decoding, "decoding");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(config, "config");
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(store(NodeNames.BUFFER_STORE, Serdes.Long(), bufferChangelogConfig(config)));
        builder.addStateStore(store(NodeNames.PROFILES_STORE, Serdes.String(), Map.of()));
        builder.addStateStore(store(NodeNames.CALIBRATION_STORE, Serdes.String(), Map.of()));
        builder.addStateStore(store(NodeNames.CALIBRATION_TOKENS_STORE, Serdes.String(), Map.of()));

        KStream<String, PipelineInput> frames = builder.stream(
                        topics.frames().name(),
                        Consumed.with(
                                        new WithBytesSerde<>(topics.frames().keySerde()),
                                        new WithBytesSerde<>(topics.frames().valueSerde()))
                                .withName(NodeNames.FRAMES_SOURCE))
                .process(
                        FrameValidationProcessor.supplier(decoding, inspection.imageSize()),
                        Named.as(NodeNames.FRAMES_VALIDATE))
                .peek(
                        (k, v) -> {
                            if (v instanceof PipelineInput.Frame f) {
                                observer.frameAccepted(f.frame());
                            }
                        },
                        Named.as(NodeNames.observe("frames")));
        KStream<String, PipelineInput> commands = builder.stream(
                        topics.calibration().name(),
                        Consumed.with(
                                        new WithBytesSerde<>(
                                                topics.calibration().keySerde()),
                                        new WithBytesSerde<>(
                                                topics.calibration().valueSerde()))
                                .withName(NodeNames.CALIBRATION_SOURCE))
                .process(
                        CommandValidationProcessor.supplier(
                                config.calibration(),
                                new PushedProfiles(inspection.model().digest(), inspection.tokenDim()),
                                decoding,
                                inspection.imageSize()),
                        Named.as(NodeNames.CALIBRATION_VALIDATE));
        KStream<String, PipelineOutput> outputs = frames.merge(commands, Named.as(NodeNames.INFERENCE_INPUT))
                .process(
                        InferenceProcessor.supplier(
                                inspection,
                                decoding,
                                topics.frames().valueSerde().deserializer(),
                                config,
                                clock,
                                observer),
                        Named.as(NodeNames.INFERENCE),
                        NodeNames.BUFFER_STORE,
                        NodeNames.PROFILES_STORE,
                        NodeNames.CALIBRATION_STORE,
                        NodeNames.CALIBRATION_TOKENS_STORE);

        Map<String, KStream<String, PipelineOutput>> byKind = outputs.split(Named.as(NodeNames.OUTPUTS))
                .branch((k, v) -> v instanceof PipelineOutput.Verdict, Branched.as("-" + NodeNames.VERDICTS))
                .branch((k, v) -> v instanceof PipelineOutput.Defect, Branched.as("-" + NodeNames.DEFECTS))
                .branch((k, v) -> v instanceof PipelineOutput.Explanation, Branched.as("-" + NodeNames.EXPLANATIONS))
                .branch((k, v) -> v instanceof PipelineOutput.DeadLetter, Branched.as("-" + NodeNames.DEAD_LETTERS))
                .branch((k, v) -> v instanceof PipelineOutput.Profile, Branched.as("-" + NodeNames.PROFILES))
                .noDefaultBranch();

        KStream<String, FrameVerdict> verdicts = branch(byKind, NodeNames.VERDICTS)
                .mapValues(v -> ((PipelineOutput.Verdict) v).verdict(), Named.as(records(NodeNames.VERDICTS)));
        verdicts.peek((k, v) -> observer.verdict(v), Named.as(NodeNames.observe(NodeNames.VERDICTS)))
                .to(topics.verdicts().name(), produced(topics.verdicts(), NodeNames.VERDICTS));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(NodeNames.LATEST_VERDICTS_STORE),
                topics.verdicts().keySerde(),
                topics.verdicts().valueSerde()));
        verdicts.processValues(
                LatestVerdictProcessor.supplier(),
                Named.as(NodeNames.LATEST_VERDICTS),
                NodeNames.LATEST_VERDICTS_STORE);
        branch(byKind, NodeNames.DEFECTS)
                .mapValues(v -> ((PipelineOutput.Defect) v).region(), Named.as(records(NodeNames.DEFECTS)))
                .peek((k, v) -> observer.defect(v), Named.as(NodeNames.observe(NodeNames.DEFECTS)))
                .to(topics.defects().name(), produced(topics.defects(), NodeNames.DEFECTS));
        branch(byKind, NodeNames.EXPLANATIONS)
                .mapValues(
                        v -> ((PipelineOutput.Explanation) v).explanation(), Named.as(records(NodeNames.EXPLANATIONS)))
                .peek((k, v) -> observer.explanation(v), Named.as(NodeNames.observe(NodeNames.EXPLANATIONS)))
                .to(topics.explanations().name(), produced(topics.explanations(), NodeNames.EXPLANATIONS));
        branch(byKind, NodeNames.DEAD_LETTERS)
                .map(
                        (k, v) -> KeyValue.pair(
                                ((PipelineOutput.DeadLetter) v).originalKey(),
                                ((PipelineOutput.DeadLetter) v).rejected()),
                        Named.as(records(NodeNames.DEAD_LETTERS)))
                .peek((k, v) -> observer.deadLetter(v), Named.as(NodeNames.observe(NodeNames.DEAD_LETTERS)))
                .to(topics.deadLetters().name(), produced(topics.deadLetters(), NodeNames.DEAD_LETTERS));
        branch(byKind, NodeNames.PROFILES)
                .mapValues(v -> ((PipelineOutput.Profile) v).snapshot(), Named.as(records(NodeNames.PROFILES)))
                .to(topics.profiles().name(), produced(topics.profiles(), NodeNames.PROFILES));

        alerts(builder, topics, config, verdicts, observer);
        return builder.build();
    }

    private static void alerts(
            StreamsBuilder builder,
            PipelineTopics topics,
            PipelineConfig config,
            KStream<String, FrameVerdict> verdicts,
            PipelineObserver observer) {
        List<AlertRule> cameraRules = config.rules(AlertScope.CAMERA);
        List<AlertRule> lineRules = config.rules(AlertScope.LINE);
        if (!cameraRules.isEmpty()) {
            builder.addStateStore(store(NodeNames.CAMERA_ALERTS_STORE, Serdes.String(), Map.of()));
            KStream<String, LineAlert> cameraAlerts = verdicts.processValues(
                    AlertProcessor.supplier(
                            AlertScope.CAMERA, cameraRules, NodeNames.CAMERA_ALERTS_STORE, config.pipelineVersion()),
                    Named.as(NodeNames.CAMERA_ALERTS),
                    NodeNames.CAMERA_ALERTS_STORE);
            emitAlerts(
                    builder,
                    topics,
                    cameraAlerts,
                    NodeNames.CAMERA_ALERTS,
                    NodeNames.OPEN_CAMERA_ALERTS,
                    NodeNames.OPEN_CAMERA_ALERTS_STORE,
                    observer);
        }
        if (!lineRules.isEmpty()) {
            // a line's cameras sit in several partitions: regroup their verdicts by lineId first
            builder.addStateStore(store(NodeNames.LINE_ALERTS_STORE, Serdes.String(), Map.of()));
            KStream<String, LineAlert> lineAlerts = verdicts.filter(
                            (k, v) -> v.getLineId() != null && !v.getLineId().isEmpty(),
                            Named.as(NodeNames.VERDICTS_BY_LINE + "-with-line"))
                    .selectKey((k, v) -> v.getLineId(), Named.as(NodeNames.VERDICTS_BY_LINE + "-key"))
                    .repartition(Repartitioned.with(
                                    Serdes.String(), topics.verdicts().valueSerde())
                            .withName(NodeNames.VERDICTS_BY_LINE))
                    .processValues(
                            AlertProcessor.supplier(
                                    AlertScope.LINE, lineRules, NodeNames.LINE_ALERTS_STORE, config.pipelineVersion()),
                            Named.as(NodeNames.LINE_ALERTS),
                            NodeNames.LINE_ALERTS_STORE);
            emitAlerts(
                    builder,
                    topics,
                    lineAlerts,
                    NodeNames.LINE_ALERTS,
                    NodeNames.OPEN_LINE_ALERTS,
                    NodeNames.OPEN_LINE_ALERTS_STORE,
                    observer);
        }
    }

    /** Writes alerts to line.alerts, reports them, and keeps the open ones queryable. */
    private static void emitAlerts(
            StreamsBuilder builder,
            PipelineTopics topics,
            KStream<String, LineAlert> alerts,
            String kind,
            String openNode,
            String openStore,
            PipelineObserver observer) {
        alerts.peek((k, v) -> observer.alert(v), Named.as(NodeNames.observe(kind)))
                .to(topics.alerts().name(), produced(topics.alerts(), kind));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(openStore),
                topics.alerts().keySerde(),
                topics.alerts().valueSerde()));
        alerts.processValues(OpenAlertsProcessor.supplier(openStore), Named.as(openNode), openStore);
    }

    private static KStream<String, PipelineOutput> branch(
            Map<String, KStream<String, PipelineOutput>> byKind, String kind) {
        return byKind.get(NodeNames.OUTPUTS + "-" + kind);
    }

    private static String records(String kind) {
        return kind + "-records";
    }

    private static <K, V> Produced<K, V> produced(Topic<K, V> topic, String kind) {
        return Produced.with(topic.keySerde(), topic.valueSerde()).withName(NodeNames.sink(kind));
    }

    private static <K> StoreBuilder<KeyValueStore<K, byte[]>> store(
            String name, Serde<K> keySerde, Map<String, String> changelogConfig) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keySerde, Serdes.ByteArray())
                .withCachingDisabled()
                .withLoggingEnabled(changelogConfig);
    }

    /** The buffer's changelog holds whole frames: allow the largest accepted frame plus its envelope. */
    private static Map<String, String> bufferChangelogConfig(PipelineConfig config) {
        long bytes = Math.max(1L << 20, (long) config.limits().maxBytes() + (1L << 20));
        return Map.of("max.message.bytes", Long.toString(Math.min(bytes, Integer.MAX_VALUE)));
    }
}
