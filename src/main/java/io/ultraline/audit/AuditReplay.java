package io.ultraline.audit;

import io.ultraline.avro.DefectRegion;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.ReferenceProfile;
import io.ultraline.avro.RejectedFrame;
import io.ultraline.avro.SourceRef;
import io.ultraline.stream.BatchTag;
import io.ultraline.stream.FrameReplay;
import io.ultraline.stream.PipelineTopics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
 * One audit of a time range: {@link #read()} collects what was recorded (verdicts, defects, dead
 * letters, profile snapshots), {@link #requireModel} refuses a model other than the recorded one,
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
            for (ConsumerRecord<byte[], byte[]> r : kafka.readFrom(topics.verdicts().name(), request.from())) {
                FrameVerdict v = decode(rec, verdicts, r);
                if (v != null && request.camera(v.getCameraId()) && inScope(rec, v.getSource(), r.timestamp())) {
                    rec.recorded.addVerdict(new Recorded.Verdict(v, BatchTag.from(r.headers()), r.offset(),
                            r.partition()));
                    rec.digests.add(v.getModel().getDigest());
                    rec.modelStamps.add(v.getModel().getName() + " " + v.getModel().getVersion() + " "
                            + v.getModel().getDigest());
                }
            }
            Deserializer<DefectRegion> defects = topics.defects().valueSerde().deserializer();
            for (ConsumerRecord<byte[], byte[]> r : kafka.readFrom(topics.defects().name(), request.from())) {
                DefectRegion d = decode(rec, defects, r);
                if (d != null && !rec.recorded.verdicts(Recorded.key(d.getSource())).isEmpty()
                        && framesTopic(d.getSource())) {
                    rec.recorded.addDefect(d);
                }
            }
            Deserializer<RejectedFrame> dlq = topics.deadLetters().valueSerde().deserializer();
            for (ConsumerRecord<byte[], byte[]> r : kafka.readFrom(topics.deadLetters().name(), request.from())) {
                RejectedFrame d = decode(rec, dlq, r);
                if (d != null && framesTopic(d.getSource()) && range(rec, d.getSource()).map(x -> x.contains(
                        d.getSource().getOffset())).orElse(false)) {
                    rec.recorded.addDeadLetter(d);
                }
            }
            Deserializer<ReferenceProfile> profiles = topics.profiles().valueSerde().deserializer();
            for (ConsumerRecord<byte[], byte[]> r : kafka.readFrom(topics.profiles().name(), Instant.EPOCH)) {
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
    public AuditReport replay(Recording rec, FrameReplay replay, AuditReport.ModelInfo model, boolean modelMismatch,
            AuditProgress progress) {
        long started = System.nanoTime();
        FrameJudge judge = new FrameJudge(rec.recorded, rec.profiles, replay, request.tolerance());
        int total = (int) Math.min(Integer.MAX_VALUE, rec.ranges.stream().mapToLong(r -> r.end() - r.start()).sum());
        Set<String> seen = new HashSet<>();
        int[] done = {0};
        int[] inRange = {0};
        try (AuditConsumer kafka = new AuditConsumer(clientConfig)) {
            for (AuditConsumer.Range range : rec.ranges) {
                new PartitionPass(range, rec, replay, judge, seen, () -> {
                    done[0]++;
                    progress.update(Math.min(done[0], total), total);
                }, inRange).run(kafka);
            }
        }
        progress.update(total, total);
        List<AuditReport.ProfileResult> profiles = ProfileCheck.run(rec.profiles, rec.recorded, judge.calibrationTokens,
                replay, s -> framesTopic(s) && range(rec, s).map(r -> r.contains(s.getOffset())).orElse(false),
                request::camera);
        List<String> withoutFrame = new ArrayList<>();
        rec.recorded.allVerdicts().keySet().stream().filter(k -> !seen.contains(k)).sorted().forEach(withoutFrame::add);
        return new AuditReport(topics.frames().name(), request.from(), request.to(),
                request.cameras().stream().sorted().toList(), model, List.copyOf(rec.modelStamps), modelMismatch,
                request.tolerance(), inRange[0], judge.compared, judge.matched, List.copyOf(judge.mismatches),
                List.copyOf(judge.withoutOutcome), withoutFrame, List.copyOf(judge.deadLetters),
                List.copyOf(rec.unreadable), profiles, (System.nanoTime() - started) / 1e9);
    }

    /**
     * One partition's frames in offset order, grouped into the recorded batches: a batch starts at
     * the frame its tag names and takes the next {@code size} frames that pass validation, including
     * frames just outside the range or of cameras not audited, which are replayed only as companions.
     */
    private final class PartitionPass {
        private final AuditConsumer.Range range;
        private final Recording rec;
        private final FrameReplay replay;
        private final FrameJudge judge;
        private final Set<String> seen;
        private final Runnable tick;
        private final int[] inRange;
        private final Map<Long, BatchTag> starts = new HashMap<>();
        private final List<FrameReplay.Ready> members = new ArrayList<>();
        private final List<Boolean> audited = new ArrayList<>();
        private int size;

        PartitionPass(AuditConsumer.Range range, Recording rec, FrameReplay replay, FrameJudge judge, Set<String> seen,
                Runnable tick, int[] inRange) {
            this.range = range;
            this.rec = rec;
            this.replay = replay;
            this.judge = judge;
            this.seen = seen;
            this.tick = tick;
            this.inRange = inRange;
            int partition = range.partition().partition();
            rec.recorded.allVerdicts().values().forEach(vs -> vs.forEach(v -> {
                if (v.verdict().getSource().getPartition() == partition) {
                    v.batch().ifPresent(t -> starts.put(t.firstOffset(), t));
                }
            }));
        }

        void run(AuditConsumer kafka) {
            long start = starts.keySet().stream().filter(o -> o >= range.first() && o < range.start())
                    .min(Long::compare).orElse(range.start());
            kafka.read(new AuditConsumer.Range(range.partition(), start, range.end(), range.first(), range.last()),
                    this::accept, () -> size > 0);
            flush();
        }

        private void accept(ConsumerRecord<byte[], byte[]> r) {
            boolean in = range.contains(r.offset());
            if (!in && size == 0 && !starts.containsKey(r.offset())) {
                return;
            }
            if (in) {
                seen.add(Recorded.key(r.partition(), r.offset()));
                tick.run();
            }
            String keyCamera = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
            if (in && request.camera(keyCamera)) {
                inRange[0]++;
            }
            FrameReplay.Prepared p = replay.prepare(r);
            if (p instanceof FrameReplay.Rejected rejected) {
                if (in && request.camera(keyCamera)) {
                    judge.rejected(rejected, keyCamera);
                }
                return;
            }
            FrameReplay.Ready ready = (FrameReplay.Ready) p;
            boolean audit = in && request.camera(ready.frame().getCameraId());
            if (size == 0) {
                BatchTag tag = starts.get(r.offset());
                if (tag == null) {
                    tag = ownTag(r).orElse(null);
                }
                // untagged verdicts (or a batch whose start is gone) are replayed in groups of untaggedBatch
                size = tag != null && tag.firstOffset() == r.offset() ? tag.size()
                        : tag != null ? 1 : request.untaggedBatch();
            }
            members.add(ready);
            audited.add(audit);
            if (members.size() >= size) {
                flush();
            }
        }

        private Optional<BatchTag> ownTag(ConsumerRecord<byte[], byte[]> r) {
            return rec.recorded.verdicts(Recorded.key(r.partition(), r.offset())).stream()
                    .flatMap(v -> v.batch().stream()).findFirst();
        }

        private void flush() {
            if (members.isEmpty()) {
                return;
            }
            List<FrameReplay.Inspection> results = replay.inspect(members);
            for (int i = 0; i < members.size(); i++) {
                if (audited.get(i)) {
                    judge.inspected(members.get(i), results.get(i));
                }
            }
            members.clear();
            audited.clear();
            size = 0;
        }
    }

    private boolean framesTopic(SourceRef s) {
        return s != null && topics.frames().name().equals(s.getTopic());
    }

    private static Optional<AuditConsumer.Range> range(Recording rec, SourceRef s) {
        return rec.ranges.stream().filter(r -> r.partition().partition() == s.getPartition()).findFirst();
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
        boolean inTime = timestamp >= request.from().toEpochMilli() && timestamp < request.to().toEpochMilli();
        boolean gone = r.isEmpty() || s.getOffset() < r.get().first() || s.getOffset() >= r.get().last();
        return inTime && gone;
    }
}
