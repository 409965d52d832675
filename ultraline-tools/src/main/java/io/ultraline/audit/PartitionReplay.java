package io.ultraline.audit;

import io.ultraline.stream.BatchTag;
import io.ultraline.stream.FrameReplay;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One partition's frames in offset order, grouped into the recorded batches: a batch starts at
 * the frame its tag names and takes the next {@code size} frames that pass validation, including
 * frames just outside the range or of cameras not audited, which are replayed only as companions.
 * Each batch goes through {@link FrameReplay#inspect} and each audited frame to the {@link FrameJudge}.
 */
final class PartitionReplay {
    private final AuditConsumer.Range range;
    private final AuditReplay.Recording rec;
    private final FrameReplay replay;
    private final FrameJudge judge;
    private final Set<String> seen;
    private final Runnable tick;
    private final int[] inRange;
    private final AuditRequest request;
    private final Map<Long, BatchTag> starts = new HashMap<>();
    private final List<FrameReplay.Ready> members = new ArrayList<>();
    private final List<Boolean> audited = new ArrayList<>();
    private int size;

    PartitionReplay(
            AuditConsumer.Range range,
            AuditReplay.Recording rec,
            FrameReplay replay,
            FrameJudge judge,
            AuditRequest request,
            Set<String> seen,
            Runnable tick,
            int[] inRange) {
        this.request = request;
        this.range = range;
        this.rec = rec;
        this.replay = replay;
        this.judge = judge;
        this.seen = seen;
        this.tick = tick;
        this.inRange = inRange;
        int partition = range.partition().partition();
        rec.recorded
                .allVerdicts()
                .values()
                .forEach(vs -> vs.forEach(v -> {
                    if (v.verdict().getSource().getPartition() == partition) {
                        v.batch().ifPresent(t -> starts.put(t.firstOffset(), t));
                    }
                }));
    }

    void run(AuditConsumer kafka) {
        long start = starts.keySet().stream()
                .filter(o -> o >= range.first() && o < range.start())
                .min(Long::compare)
                .orElse(range.start());
        kafka.read(
                new AuditConsumer.Range(range.partition(), start, range.end(), range.first(), range.last()),
                this::accept,
                () -> size > 0);
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
            size = tag != null && tag.firstOffset() == r.offset()
                    ? tag.size()
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
                .flatMap(v -> v.batch().stream())
                .findFirst();
    }

    private void flush() {
        if (members.isEmpty()) {
            return;
        }
        // every member's W, companions' included: the calls are grouped by W as they were recorded
        List<FrameReplay.Replayed> results =
                replay.inspect(members, members.stream().map(judge::transform).toList());
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
