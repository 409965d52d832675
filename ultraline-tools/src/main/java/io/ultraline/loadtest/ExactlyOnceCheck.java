package io.ultraline.loadtest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Exactly one outcome (a verdict or a dead letter) per produced frame: joins the produced offsets
 * with the {@code source} offsets of what a read_committed consumer saw on both output topics.
 *
 * @param produced     frames the generator wrote
 * @param verdicts     verdicts answering one of them
 * @param deadLetters  dead letters answering one of them
 * @param lost         produced frames without any outcome
 * @param duplicated   produced frames with more than one outcome
 * @param unmatched    outcomes for offsets the generator did not write (calibration frames, other runs)
 * @param examples     up to ten lost or duplicated offsets, {@code partition@offset}
 */
public record ExactlyOnceCheck(
        long produced,
        long verdicts,
        long deadLetters,
        long lost,
        long duplicated,
        long unmatched,
        List<String> examples) {

    public boolean exactlyOnce() {
        return lost == 0 && duplicated == 0;
    }

    /** Keys as {@link AcknowledgedOffsets#key}. */
    static ExactlyOnceCheck of(
            Set<Long> produced, Collection<Long> verdictSources, Collection<Long> deadLetterSources) {
        Map<Long, Integer> outcomes = new HashMap<>();
        long verdicts = 0;
        long deadLetters = 0;
        long unmatched = 0;
        for (long k : verdictSources) {
            if (produced.contains(k)) {
                outcomes.merge(k, 1, Integer::sum);
                verdicts++;
            } else {
                unmatched++;
            }
        }
        for (long k : deadLetterSources) {
            if (produced.contains(k)) {
                outcomes.merge(k, 1, Integer::sum);
                deadLetters++;
            } else {
                unmatched++;
            }
        }
        long lost = 0;
        long duplicated = 0;
        List<String> examples = new ArrayList<>();
        for (long k : produced) {
            int n = outcomes.getOrDefault(k, 0);
            if (n == 1) {
                continue;
            }
            if (n == 0) {
                lost++;
            } else {
                duplicated++;
            }
            if (examples.size() < 10) {
                examples.add(AcknowledgedOffsets.describe(k) + (n == 0 ? " lost" : " x" + n));
            }
        }
        return new ExactlyOnceCheck(
                produced.size(), verdicts, deadLetters, lost, duplicated, unmatched, List.copyOf(examples));
    }
}
