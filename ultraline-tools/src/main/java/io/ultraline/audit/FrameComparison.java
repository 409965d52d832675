package io.ultraline.audit;

import io.ultraline.avro.DefectRegion;
import io.ultraline.avro.FrameVerdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Compares one frame's recorded verdict and defect regions with the replayed ones: identity, status,
 * frame score and threshold (within {@link Tolerance#score()}), region and concept counts, and every
 * recorded region against the replayed region whose token mask overlaps it most (IoU at least
 * {@link Tolerance#minIoU()}, score within tolerance). Pure: no Kafka, no model.
 */
public final class FrameComparison {

    private FrameComparison() {}

    /** Every difference; empty when the frame matches. */
    public static List<Difference> compare(
            FrameVerdict recorded,
            List<DefectRegion> recordedRegions,
            FrameVerdict replayed,
            List<DefectRegion> replayedRegions,
            Tolerance tolerance) {
        List<Difference> out = new ArrayList<>();
        same(out, "cameraId", recorded.getCameraId(), replayed.getCameraId());
        same(out, "frameId", recorded.getFrameId(), replayed.getFrameId());
        same(out, "status", recorded.getStatus(), replayed.getStatus());
        if (!tolerance.scoresMatch(recorded.getFrameScore(), replayed.getFrameScore())) {
            out.add(new Difference("frameScore", text(recorded.getFrameScore()), text(replayed.getFrameScore())));
        }
        Float rt = recorded.getThreshold();
        Float pt = replayed.getThreshold();
        if ((rt == null) != (pt == null) || rt != null && !tolerance.scoresMatch(rt, pt)) {
            out.add(new Difference("threshold", text(rt), text(pt)));
        }
        same(out, "regionCount", recorded.getRegionCount(), replayed.getRegionCount());
        same(out, "conceptCount", recorded.getConceptCount(), replayed.getConceptCount());
        if (recordedRegions.size() != recorded.getRegionCount()) {
            out.add(new Difference(
                    "defects",
                    recorded.getRegionCount() + " regions announced by the verdict",
                    recordedRegions.size() + " found on the defects topic"));
        }
        regions(out, recordedRegions, replayedRegions, tolerance);
        return out;
    }

    /** Pairs each recorded region (by index) with the unused replayed region of highest mask IoU. */
    private static void regions(
            List<Difference> out, List<DefectRegion> recorded, List<DefectRegion> replayed, Tolerance tolerance) {
        List<DefectRegion> ordered = new ArrayList<>(recorded);
        ordered.sort(Comparator.comparingInt(DefectRegion::getRegionIndex));
        boolean[] used = new boolean[replayed.size()];
        for (DefectRegion r : ordered) {
            String field = "region[" + r.getRegionIndex() + "]";
            int best = -1;
            double bestIoU = -1;
            for (int j = 0; j < replayed.size(); j++) {
                double iou =
                        used[j] ? -1 : MaskIoU.of(r.getMask(), replayed.get(j).getMask());
                if (iou > bestIoU) {
                    best = j;
                    bestIoU = iou;
                }
            }
            if (best < 0) {
                out.add(new Difference(
                        field,
                        "tokens " + r.getTokenArea() + ", score " + text(r.getScore()),
                        "no region left to pair with"));
                continue;
            }
            used[best] = true;
            DefectRegion p = replayed.get(best);
            if (bestIoU < tolerance.minIoU()) {
                out.add(new Difference(
                        field + ".mask",
                        "tokens " + r.getTokenArea(),
                        String.format("best IoU %.4f with replayed region %d", bestIoU, p.getRegionIndex())));
            }
            pixelMask(out, field, r, p, tolerance);
            if (!tolerance.scoresMatch(r.getScore(), p.getScore())) {
                out.add(new Difference(field + ".score", text(r.getScore()), text(p.getScore())));
            }
        }
    }

    /** Records from before the pixel mask carry none: only a recorded mask is held to account. */
    private static void pixelMask(
            List<Difference> out, String field, DefectRegion recorded, DefectRegion replayed, Tolerance tolerance) {
        if (recorded.getPixelMask() == null) {
            return;
        }
        if (replayed.getPixelMask() == null) {
            out.add(new Difference(
                    field + ".pixelMask", "pixels " + MaskIoU.setCount(recorded.getPixelMask()), "none"));
            return;
        }
        double iou = MaskIoU.of(recorded.getPixelMask(), replayed.getPixelMask());
        if (iou < tolerance.minPixelIoU()) {
            out.add(new Difference(
                    field + ".pixelMask",
                    "pixels " + MaskIoU.setCount(recorded.getPixelMask()),
                    String.format("IoU %.4f with replayed region %d", iou, replayed.getRegionIndex())));
        }
    }

    private static void same(List<Difference> out, String field, Object recorded, Object replayed) {
        if (!Objects.equals(String.valueOf(recorded), String.valueOf(replayed))) {
            out.add(new Difference(field, String.valueOf(recorded), String.valueOf(replayed)));
        }
    }

    /** A float as text that round-trips exactly (9 significant digits), or "null". */
    static String text(Float f) {
        return f == null ? "null" : Float.toString(f);
    }
}
