package io.ultraline.audit;

/**
 * One way a replayed frame differs from its record.
 *
 * @param field    what differs: status, frameScore, threshold, regionCount, conceptCount, frameId,
 *                 region[i], outcome, profile, ...
 * @param recorded the recorded value, as text
 * @param replayed the replayed value, as text
 */
public record Difference(String field, String recorded, String replayed) {

    @Override
    public String toString() {
        return field + ": recorded " + recorded + ", replayed " + replayed;
    }
}
