package io.ultraline.app;

import io.ultraline.avro.FrameExplanation;
import io.ultraline.avro.Heatmap;

/**
 * Two drift signals of one camera, from its explained frames (all of them, or the sampled and
 * flagged ones under two-stage inference): the mean concept count, which moves when the scene's
 * make-up does (a new part, a changed background), and the mean over all tokens of score /
 * threshold, which moves when the token embeddings as a whole leave the calibration's (light,
 * focus, a dirty lens) long before the highest token, which decides the verdict, crosses the
 * threshold. Thread-safe.
 */
final class ExplanationDrift {

    private final RollingMean concepts;
    private final RollingMean tokenScores;

    ExplanationDrift(int size) {
        concepts = new RollingMean(size);
        tokenScores = new RollingMean(size);
    }

    /** Adds one explanation; a frame without maps or without a profile adds to the signals it has. */
    void add(FrameExplanation e) {
        if (e.getConceptCount() > 0) {
            concepts.add(e.getConceptCount());
        }
        Float threshold = e.getThreshold();
        if (e.getTokenScores() != null && threshold != null && threshold > 0) {
            tokenScores.add(mean(e.getTokenScores()) / threshold);
        }
    }

    /** Mean concepts per explained frame. */
    double conceptCount() {
        return concepts.value();
    }

    /** Mean of the token scores over the threshold, per explained frame with a profile. */
    double tokenScoreRatio() {
        return tokenScores.value();
    }

    /** The mean value of a quantised map. */
    static double mean(Heatmap map) {
        float[] values = AvroHeatmaps.values(map);
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return values.length == 0 ? 0 : sum / values.length;
    }
}
