package io.ultraline.stream;

import io.ultraline.avro.CalibrationCommand;
import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.DefectRegion;
import io.ultraline.avro.FrameExplanation;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.LineAlert;
import io.ultraline.avro.OperatorFeedback;
import io.ultraline.avro.ReferenceProfile;
import io.ultraline.avro.RejectedFrame;
import io.ultraline.serde.AvroSerdes;
import io.ultraline.serde.SchemaRegistryClient;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic the topology reads or writes, and line.feedback (written and read by the service
 * beside the topology), each with its serdes. Keys are UTF-8 strings except on
 * the dead-letter topic, whose key is the original record's key bytes (see topology-docs/topics.md).
 */
public record PipelineTopics(
        Topic<String, CameraFrame> frames,
        Topic<String, CalibrationCommand> calibration,
        Topic<String, FrameVerdict> verdicts,
        Topic<String, DefectRegion> defects,
        Topic<String, FrameExplanation> explanations,
        Topic<String, LineAlert> alerts,
        Topic<byte[], RejectedFrame> deadLetters,
        Topic<String, ReferenceProfile> profiles,
        Topic<String, OperatorFeedback> feedback) {

    public PipelineTopics {
        Objects.requireNonNull(frames, "frames");
        Objects.requireNonNull(calibration, "calibration");
        Objects.requireNonNull(verdicts, "verdicts");
        Objects.requireNonNull(defects, "defects");
        Objects.requireNonNull(explanations, "explanations");
        Objects.requireNonNull(alerts, "alerts");
        Objects.requireNonNull(deadLetters, "deadLetters");
        Objects.requireNonNull(profiles, "profiles");
        Objects.requireNonNull(feedback, "feedback");
    }

    /** The {@link Topics} names with Avro value serdes configured from {@code serdeConfig} (schema.registry.url, ...). */
    public static PipelineTopics avro(Map<String, ?> serdeConfig) {
        return build(type -> AvroSerdes.specific(type, serdeConfig));
    }

    /** The {@link Topics} names with Avro value serdes over one existing registry client. */
    public static PipelineTopics avro(SchemaRegistryClient registry, Map<String, ?> serdeConfig) {
        return build(type -> AvroSerdes.specific(type, registry, serdeConfig));
    }

    /**
     * The same topics and serdes under names prefixed with {@code prefix}, e.g. for several lines or
     * tenants on one cluster, or for tests on a shared broker.
     */
    public PipelineTopics withPrefix(String prefix) {
        return new PipelineTopics(
                prefixed(prefix, frames),
                prefixed(prefix, calibration),
                prefixed(prefix, verdicts),
                prefixed(prefix, defects),
                prefixed(prefix, explanations),
                prefixed(prefix, alerts),
                prefixed(prefix, deadLetters),
                prefixed(prefix, profiles),
                prefixed(prefix, feedback));
    }

    /** Every topic name, in data-flow order. */
    public java.util.List<String> names() {
        return java.util.List.of(
                frames.name(),
                verdicts.name(),
                defects.name(),
                explanations.name(),
                alerts.name(),
                deadLetters.name(),
                calibration.name(),
                profiles.name(),
                feedback.name());
    }

    private static <K, V> Topic<K, V> prefixed(String prefix, Topic<K, V> topic) {
        return new Topic<>(prefix + topic.name(), topic.keySerde(), topic.valueSerde());
    }

    @SuppressWarnings("unchecked")
    private static PipelineTopics build(Function<Class<? extends SpecificRecord>, Serde<?>> serdes) {
        Serde<String> key = Serdes.String();
        return new PipelineTopics(
                new Topic<>(Topics.FRAMES, key, (Serde<CameraFrame>) serdes.apply(CameraFrame.class)),
                new Topic<>(
                        Topics.CALIBRATION, key, (Serde<CalibrationCommand>) serdes.apply(CalibrationCommand.class)),
                new Topic<>(Topics.VERDICTS, key, (Serde<FrameVerdict>) serdes.apply(FrameVerdict.class)),
                new Topic<>(Topics.DEFECTS, key, (Serde<DefectRegion>) serdes.apply(DefectRegion.class)),
                new Topic<>(Topics.EXPLANATIONS, key, (Serde<FrameExplanation>) serdes.apply(FrameExplanation.class)),
                new Topic<>(Topics.ALERTS, key, (Serde<LineAlert>) serdes.apply(LineAlert.class)),
                new Topic<>(Topics.FRAMES_DLQ, Serdes.ByteArray(), (Serde<RejectedFrame>)
                        serdes.apply(RejectedFrame.class)),
                new Topic<>(Topics.PROFILES, key, (Serde<ReferenceProfile>) serdes.apply(ReferenceProfile.class)),
                new Topic<>(Topics.FEEDBACK, key, (Serde<OperatorFeedback>) serdes.apply(OperatorFeedback.class)));
    }
}
