package io.ultraline.audit;

import io.ultraline.avro.DefectRegion;
import io.ultraline.avro.FrameExplanation;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.RejectedFrame;
import io.ultraline.avro.SourceRef;
import io.ultraline.stream.BatchTag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the pipeline recorded about the frames of an audit range, indexed by their place on
 * line.frames ({@code partition@offset}): verdicts (with the batch each came from), defect regions,
 * explanations and dead letters. Duplicates are kept: more than one outcome for a frame is itself a finding.
 */
final class Recorded {

    /** A verdict with its batch tag (absent on verdicts of pipelines before the tag existed). */
    record Verdict(FrameVerdict verdict, Optional<BatchTag> batch, long offset, int partition) {}

    private final Map<String, List<Verdict>> verdicts = new HashMap<>();
    private final Map<String, List<DefectRegion>> defects = new HashMap<>();
    private final Map<String, List<RejectedFrame>> deadLetters = new HashMap<>();
    private final Map<String, List<FrameExplanation>> explanations = new HashMap<>();

    static String key(SourceRef s) {
        return key(s.getPartition(), s.getOffset());
    }

    static String key(int partition, long offset) {
        return partition + "@" + offset;
    }

    void addVerdict(Verdict v) {
        verdicts.computeIfAbsent(key(v.verdict().getSource()), k -> new ArrayList<>())
                .add(v);
    }

    void addDefect(DefectRegion d) {
        defects.computeIfAbsent(key(d.getSource()), k -> new ArrayList<>()).add(d);
    }

    void addExplanation(FrameExplanation e) {
        explanations.computeIfAbsent(key(e.getSource()), k -> new ArrayList<>()).add(e);
    }

    List<FrameExplanation> explanations(String source) {
        return explanations.getOrDefault(source, List.of());
    }

    void addDeadLetter(RejectedFrame r) {
        deadLetters.computeIfAbsent(key(r.getSource()), k -> new ArrayList<>()).add(r);
    }

    List<Verdict> verdicts(String source) {
        return verdicts.getOrDefault(source, List.of());
    }

    List<DefectRegion> defects(String source) {
        return defects.getOrDefault(source, List.of());
    }

    List<RejectedFrame> deadLetters(String source) {
        return deadLetters.getOrDefault(source, List.of());
    }

    /** Every verdict, by source. */
    Map<String, List<Verdict>> allVerdicts() {
        return verdicts;
    }

    /** Every dead letter, by source. */
    Map<String, List<RejectedFrame>> allDeadLetters() {
        return deadLetters;
    }
}
