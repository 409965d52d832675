package io.ultraline.ultra.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a part keeps its concept id from frame to frame of one camera, which an operator needs
 * before naming a concept ("concept 3 = solder pad").
 *
 * <p>Definition. Pool the contingency tables of all frames of the camera and match concept ids to
 * part ids one-to-one, maximising the pooled pixel overlap ({@link Assignment}): that is the
 * camera's best fixed naming of its concepts. Then, over every (frame, part present in the frame)
 * pair, count how often the concept id that holds most of the part's pixels in that frame is the
 * id this naming gives the part. A part whose id the naming leaves unmatched (more parts than
 * concept ids over the whole camera) never counts as consistent.
 *
 * <p>So 1 means every part shows up under one fixed id in every frame; a segmenter that numbers its
 * concepts afresh in every frame scores near the share of the most common id, and one that labels
 * everything alike gets only the pairs of its single matched part.
 */
public final class ConceptIdConsistency {

    private final List<Contingency> frames = new ArrayList<>();

    /** Adds one frame: concept ids and part ids of the same pixels. */
    public void add(int[] concepts, int[] parts) {
        frames.add(Contingency.of(concepts, parts));
    }

    /** Frames added so far. */
    public int frames() {
        return frames.size();
    }

    /** The share of consistent (frame, part) pairs, 0..1; NaN before the first frame. */
    public double value() {
        if (frames.isEmpty()) {
            return Double.NaN;
        }
        Contingency pooled = Contingency.pooled(frames);
        int[] conceptIds = pooled.predictedLabels();
        int[] partIds = pooled.trueLabels();
        int[] match = Assignment.maximise(SegmentationScores.overlaps(pooled));
        int[] conceptOfPart = new int[partIds.length];
        java.util.Arrays.fill(conceptOfPart, -1);
        for (int i = 0; i < match.length; i++) {
            if (match[i] >= 0) {
                conceptOfPart[match[i]] = conceptIds[i];
            }
        }
        long pairs = 0;
        long consistent = 0;
        for (Contingency f : frames) {
            int[] fc = f.predictedLabels();
            int[] fp = f.trueLabels();
            for (int j = 0; j < f.columns(); j++) {
                int majority = 0;
                for (int i = 1; i < f.rows(); i++) {
                    if (f.count(i, j) > f.count(majority, j)) {
                        majority = i;
                    }
                }
                pairs++;
                int named = conceptOfPart[java.util.Arrays.binarySearch(partIds, fp[j])];
                if (named >= 0 && fc[majority] == named) {
                    consistent++;
                }
            }
        }
        return (double) consistent / pairs;
    }
}
