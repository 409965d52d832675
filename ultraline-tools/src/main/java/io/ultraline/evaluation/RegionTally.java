package io.ultraline.evaluation;

import io.ultraline.defect.eval.RegionOverlap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Region figures of one region rule over a dataset: mean best-match IoU of the true regions (as
 * {@code region_iou} has always been defined), the same by defect type, and region precision and
 * recall, where a predicted and a true region match when their IoU reaches {@link #MATCH_IOU}.
 */
final class RegionTally {

    /** IoU at which a predicted region counts as finding a true one (the goal). */
    static final double MATCH_IOU = 0.5;

    private double iouSum;
    private int truthCount;
    private int truthFound;
    private int predictedCount;
    private int predictedMatched;
    private final Map<String, double[]> byType = new TreeMap<>();

    /** One frame: its predicted regions, its true regions and their types (same order). */
    void add(List<boolean[]> predicted, List<boolean[]> truths, List<String> types) {
        for (int i = 0; i < truths.size(); i++) {
            double iou = RegionOverlap.bestMatch(truths.get(i), predicted);
            iouSum += iou;
            truthCount++;
            truthFound += iou >= MATCH_IOU ? 1 : 0;
            double[] t = byType.computeIfAbsent(types.get(i), k -> new double[2]);
            t[0] += iou;
            t[1]++;
        }
        for (boolean[] p : predicted) {
            predictedCount++;
            predictedMatched += RegionOverlap.bestMatch(p, truths) >= MATCH_IOU ? 1 : 0;
        }
    }

    double iou() {
        return truthCount == 0 ? 0 : iouSum / truthCount;
    }

    Map<String, Double> iouByType() {
        Map<String, Double> out = new TreeMap<>();
        byType.forEach((type, t) -> out.put(type, t[0] / t[1]));
        return out;
    }

    double precision() {
        return predictedCount == 0 ? 0 : (double) predictedMatched / predictedCount;
    }

    double recall() {
        return truthCount == 0 ? 0 : (double) truthFound / truthCount;
    }
}
