package io.ultraline.audit;

import io.ultraline.avro.DefectRegion;
import io.ultraline.avro.FrameExplanation;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.ReferenceProfile;
import io.ultraline.avro.RejectedFrame;
import io.ultraline.avro.SourceRef;
import io.ultraline.stream.BatchTag;
import io.ultraline.stream.FrameReplay;
import io.ultraline.stream.PipelineTopics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * One audit of a time range: {@link #read()} collects what was recorded (verdicts, defects,
 * explanations, dead letters, profile snapshots), {@link #requireModel} refuses a model other than the recorded one,
 * and {@link #replay} streams the range's frames partition by partition through {@link FrameReplay}
 * in the batches the verdicts name, judging every frame as it goes. Reads only; writes no topic.
 */
public final class AuditReplay {

    private final Map<String, Object> clientConfig;
    private final PipelineTopics topics;
    private final AuditRequest request;

    /**
     * @param clientConfig Kafka client settings (bootstrap.servers, security); group and commit
     *                     settings are overridden
     * @param topics       the pipeline's topics and serdes (with any prefix)
     */
    public AuditReplay(Map<String, Object> clientConfig, PipelineTopics topics, AuditRequest request) {
        this.clientConfig = Map.copyOf(clientConfig);
        this.topics = topics;
        this.request = request;
    }

    /** What was recorded about the range, and the frames' offset ranges. */
    public static final class Recording {
        final List<AuditConsumer.Range> ranges;
        final Recorded recorded = new Recorded();
        final ProfileSnapshots profiles = new ProfileSnapshots();
        final Set<String> modelStamps = new TreeSet<>();
        final Set<String> pipelineVersions = new TreeSet<>();
        final Set<String> digests = new LinkedHashSet<>();
        final List<String> unreadable = new ArrayList<>();

        Recording(List<AuditConsumer.Range> ranges) {
            this.ranges = ranges;
        }

        /** Distinct SHA-256 digests of the models on the recorded verdicts. */
        public Set<String> recordedDigests() {
            return Set.copyOf(digests);
        }
    }

    /** Reads the range's offsets on line.frames and every recorded outcome of it. */
    public Recording read() {
        try (AuditConsumer kafka = new AuditConsumer(clientConfig)) {
            Recording rec = new Recording(kafka.ranges(topics.frames().name(), request.from(), request.to()));
            Deserializer<FrameVerdict> verdicts = topics.verdicts().valueSerde().deserializer();
            for (ConsumerRecord<byte[], byte[]> r :
                    kafka.readFrom(topics.verdicts().name(), request.from())) {
                FrameVerdict v = decode(rec, verdicts, r);
                if (v != null && request.camera(v.getCameraId()) && inScope(rec, v.getSource(), r.timestamp())) {
                    rec.recorded.addVerdict(
                            new Recorded.Verdict(v, BatchTag.from(r.headers()), r.offset(), r.partition()));
                    rec.digests.add(v.getModel().getDigest());
                    rec.modelStamps.add(v.getModel().getName() + " "
                            + v.getModel().getVersion() + " " + v.getModel().getDigest());
                    rec.pipelineVersions.add(v.getPipelineVersion());
                }
            }
            Deserializer<DefectRegion> defects = topics.defects().valueSerde().deserializer();
            for (ConsumerRecord<byte[], byte[]> r :
                    kafka.readFrom(topics.defects().name(), request.from())) {
                DefectRegion d = decode(rec, defects, r);
                if (d != null
                        && !rec.recorded.verdicts(Recorded.key(d.getSource())).isEmpty()
                        && framesTopic(d.getSource())) {
                    rec.recorded.addDefect(d);
                }
            }
            Deserializer<FrameExplanation> explanations =
                    topics.explanations().valueSerde().deserializer();
            for (ConsumerRecord<byte[], byte[]> r :
                    kafka.readFrom(topics.explanations().name(), request.from())) {
                FrameExplanation e = decode(rec, explanations, r);
                if (e != null
                        && !rec.recorded.verdicts(Recorded.key(e.getSource())).isEmpty()
                        && framesTopic(e.getSource())) {
                    rec.recorded.addExplanation(e);
                }
            }
            Deserializer<RejectedFrame> dlq = topics.deadLetters().valueSerde().deserializer();
            for (ConsumerRecord<byte[], byte[]> r :
                    kafka.readFrom(topics.deadLetters().name(), request.from())) {
                RejectedFrame d = decode(rec, dlq, r);
                if (d != null
                        && framesTopic(d.getSource())
                        && range(rec, d.getSource())
                                .map(x -> x.contains(d.getSource().getOffset()))
                                .orElse(false)) {
                    rec.recorded.addDeadLetter(d);
                }
            }
            Deserializer<ReferenceProfile> profiles =
                    topics.profiles().valueSerde().deserializer();
            for (ConsumerRecord<byte[], byte[]> r :
                    kafka.readFrom(topics.profiles().name(), Instant.EPOCH)) {
                ReferenceProfile p = decode(rec, profiles, r);
                if (p != null) {
                    rec.profiles.add(p);
                }
            }
            return rec;
        }
    }

    /** The record's value, or null for a tombstone or (noted as unreadable) a value that does not decode. */
    private static <V> V decode(Recording rec, Deserializer<V> values, ConsumerRecord<byte[], byte[]> r) {
        if (r.value() == null) {
            return null;
        }
        try {
            return values.deserialize(r.topic(), r.headers(), r.value());
        } catch (RuntimeException e) {
            rec.unreadable.add(r.topic() + " " + r.partition() + "@" + r.offset() + ": " + e.getMessage());
            return null;
        }
    }

    /**
     * Refuses a replay model whose digest differs from one on the recorded verdicts, unless the
     * request allows it; returns whether they differ.
     *
     * @throws ModelMismatchException naming both digests
     */
    public boolean requireModel(Recording rec, String modelDigest, String modelDir) {
        Set<String> other = new TreeSet<>(rec.digests);
        other.remove(modelDigest);
        if (other.isEmpty()) {
            return false;
        }
        if (!request.allowModelMismatch()) {
            throw new ModelMismatchException("model " + modelDir + " has weights digest " + modelDigest
                    + ", but the recorded verdicts were produced by " + String.join(", ", rec.modelStamps)
                    + ": a replay with other weights cannot reproduce them. Use the recorded model, or pass "
                    + "--allow-model-mismatch to replay anyway (the report will say so).");
        }
        return true;
    }

    /** Replays the range's frames and judges each one. */
    public AuditReport replay(
            Recording rec,
            FrameReplay replay,
            AuditReport.ModelInfo model,
            boolean modelMismatch,
            AuditProgress progress) {
        long started = System.nanoTime();
        FrameJudge judge = new FrameJudge(rec.recorded, rec.profiles, replay, request.tolerance());
        int total = (int) Math.min(
                Integer.MAX_VALUE,
                rec.ranges.stream().mapToLong(r -> r.end() - r.start()).sum());
        Set<String> seen = new HashSet<>();
        int[] done = {0};
        int[] inRange = {0};
        try (AuditConsumer kafka = new AuditConsumer(clientConfig)) {
            for (AuditConsumer.Range range : rec.ranges) {
                new PartitionReplay(
                                range,
                                rec,
                                replay,
                                judge,
                                request,
                                seen,
                                () -> {
                                    done[0]++;
                                    progress.update(Math.min(done[0], total), total);
                                },
                                inRange)
                        .run(kafka);
            }
        }
        progress.update(total, total);
        List<AuditReport.ProfileResult> profiles = ProfileCheck.run(
                rec.profiles,
                rec.recorded,
                judge.calibrationTokens,
                judge.normalExamples,
                replay,
                s -> framesTopic(s)
                        && range(rec, s).map(r -> r.contains(s.getOffset())).orElse(false),
                request::camera);
        List<String> withoutFrame = new ArrayList<>();
        rec.recorded.allVerdicts().keySet().stream()
                .filter(k -> !seen.contains(k))
                .sorted()
                .forEach(withoutFrame::add);
        return new AuditReport(
                topics.frames().name(),
                request.from(),
                request.to(),
                request.cameras().stream().sorted().toList(),
                model,
                List.copyOf(rec.modelStamps),
                modelMismatch,
                List.copyOf(rec.pipelineVersions),
                request.tolerance(),
                inRange[0],
                judge.compared,
                judge.matched,
                List.copyOf(judge.mismatches),
                List.copyOf(judge.withoutOutcome),
                withoutFrame,
                List.copyOf(judge.deadLetters),
                List.copyOf(rec.unreadable),
                profiles,
                (System.nanoTime() - started) / 1e9);
    }

    private boolean framesTopic(SourceRef s) {
        return s != null && topics.frames().name().equals(s.getTopic());
    }

    private static Optional<AuditConsumer.Range> range(Recording rec, SourceRef s) {
        return rec.ranges.stream()
                .filter(r -> r.partition().partition() == s.getPartition())
                .findFirst();
    }

    /**
     * A verdict belongs to the audit when its frame's offset is in the range, or when its own time is
     * in the range and its frame is no longer (or never was) on the topic: the latter are reported as
     * verdicts without a frame.
     */
    private boolean inScope(Recording rec, SourceRef s, long timestamp) {
        if (!framesTopic(s)) {
            return false;
        }
        Optional<AuditConsumer.Range> r = range(rec, s);
        if (r.isPresent() && r.get().contains(s.getOffset())) {
            return true;
        }
        boolean inTime = timestamp >= request.from().toEpochMilli()
                && timestamp < request.to().toEpochMilli();
        boolean gone = r.isEmpty()
                || s.getOffset() < r.get().first()
                || s.getOffset() >= r.get().last();
        return inTime && gone;
    }
}
