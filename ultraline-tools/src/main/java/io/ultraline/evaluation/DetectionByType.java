package io.ultraline.evaluation;

import io.ultraline.defect.eval.Auroc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Frame-level detection per defect type: for each type, image AUROC of the good frames against the
 * defective frames that hold that type, and recall at the calibrated threshold. A frame with two
 * types counts for both. It tells which kinds of defect a surface hides (a stain on mottled stone,
 * a particle on granular stock) where the overall AUROC only says that some are missed.
 */
final class DetectionByType {

    private record Frame(float score, boolean defective, boolean flagged, Set<String> types) {}

    private final List<Frame> frames = new ArrayList<>();

    /** One test frame: its frame score, truth, verdict and the types painted on it (empty if good or unknown). */
    void frame(float score, boolean defective, boolean flagged, Set<String> types) {
        frames.add(new Frame(score, defective, flagged, Set.copyOf(types)));
    }

    /** Types seen on defective frames, sorted. */
    Set<String> types() {
        Set<String> out = new TreeSet<>();
        frames.stream().filter(Frame::defective).forEach(f -> out.addAll(f.types()));
        return out;
    }

    /** Image AUROC per type; a type is left out when there are no good frames to compare with. */
    Map<String, Double> imageAuroc() {
        Map<String, Double> out = new TreeMap<>();
        long good = frames.stream().filter(f -> !f.defective()).count();
        if (good == 0) {
            return out;
        }
        for (String type : types()) {
            List<Frame> pool = frames.stream()
                    .filter(f -> !f.defective() || f.types().contains(type))
                    .toList();
            float[] scores = new float[pool.size()];
            boolean[] positive = new boolean[pool.size()];
            for (int i = 0; i < pool.size(); i++) {
                scores[i] = pool.get(i).score();
                positive[i] = pool.get(i).defective();
            }
            out.put(type, Auroc.of(scores, positive));
        }
        return out;
    }

    /** Share of each type's defective frames flagged at the calibrated threshold. */
    Map<String, Double> recall() {
        Map<String, Double> out = new TreeMap<>();
        for (String type : types()) {
            List<Frame> holding = frames.stream()
                    .filter(f -> f.defective() && f.types().contains(type))
                    .toList();
            out.put(type, holding.stream().filter(Frame::flagged).count() / (double) holding.size());
        }
        return out;
    }

    /** Defective frames holding each type. */
    Map<String, Long> counts() {
        Map<String, Long> out = new TreeMap<>();
        for (String type : types()) {
            out.put(
                    type,
                    frames.stream()
                            .filter(f -> f.defective() && f.types().contains(type))
                            .count());
        }
        return out;
    }

    /** The figures, into the evaluation's metrics (nothing for datasets without defect types). */
    void put(Map<String, Object> m) {
        if (types().isEmpty()) {
            return;
        }
        m.put("image_auroc_by_type", imageAuroc());
        m.put("recall_by_type", recall());
        m.put("defective_frames_by_type", counts());
    }
}
