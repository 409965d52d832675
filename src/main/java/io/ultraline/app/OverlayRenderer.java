package io.ultraline.app;

import io.ultraline.avro.DefectRegion;
import io.ultraline.avro.FrameExplanation;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.Heatmap;
import io.ultraline.defect.QuantisedHeatmap;
import io.ultraline.frame.ImageFiles;
import io.ultraline.ultra.RunLengthMask;
import io.ultraline.ultra.render.GridOverlay;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The overlay PNG of one recent frame: the frame, its ULTra concepts (tint and borders), the token
 * score heatmap, the defect masks outlined in green, and a caption with status, score and threshold.
 */
final class OverlayRenderer {

    static final int MIN_SIDE = 384;
    private static final int DEFECT_RGB = 0x00ff40;

    private OverlayRenderer() {
    }

    static byte[] png(RecentFrames.Entry entry) {
        BufferedImage frame;
        try {
            frame = ImageIO.read(new ByteArrayInputStream(entry.image()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (frame == null) {
            throw new IllegalStateException("frame " + entry.frame().getFrameId() + " does not decode");
        }
        FrameExplanation explanation = entry.explanation().orElse(null);
        List<DefectRegion> defects = entry.defects();
        int gridH = explanation != null ? explanation.getGridHeight()
                : defects.isEmpty() ? 1 : defects.get(0).getMask().getGridHeight();
        int gridW = explanation != null ? explanation.getGridWidth()
                : defects.isEmpty() ? 1 : defects.get(0).getMask().getGridWidth();
        GridOverlay overlay = new GridOverlay(frame, gridH, gridW, MIN_SIDE);
        List<String> caption = new ArrayList<>();
        FrameVerdict verdict = entry.verdict().orElse(null);
        caption.add(entry.frame().getCameraId() + "  " + entry.frame().getFrameId());
        if (verdict != null) {
            caption.add(String.format(Locale.ROOT, "%s  score %.3f  threshold %s  regions %d  concepts %d",
                    verdict.getStatus(), verdict.getFrameScore(),
                    verdict.getThreshold() == null ? "-" : String.format(Locale.ROOT, "%.3f", verdict.getThreshold()),
                    verdict.getRegionCount(), verdict.getConceptCount()));
        }
        if (explanation != null) {
            int[] labels = explanation.getTokenLabels().stream().mapToInt(Integer::intValue).toArray();
            overlay.concepts(labels, 0.12);
            if (explanation.getTokenScores() != null && explanation.getThreshold() != null) {
                overlay.heatmap(values(explanation.getTokenScores()), 0, 2 * explanation.getThreshold(), 0.4);
            }
        }
        for (DefectRegion d : defects) {
            RunLengthMask mask = new RunLengthMask(d.getMask().getGridHeight(), d.getMask().getGridWidth(),
                    d.getMask().getRuns().stream().mapToInt(Integer::intValue).toArray());
            overlay.outline(mask.decode(), DEFECT_RGB);
        }
        caption.add("tint: concepts; heat: token score 0..2x threshold; green: defects");
        return ImageFiles.pngBytes(overlay.withCaption(caption));
    }

    private static float[] values(Heatmap h) {
        ByteBuffer b = h.getValues().duplicate();
        byte[] q = new byte[b.remaining()];
        b.get(q);
        QuantisedHeatmap map = new QuantisedHeatmap(h.getGridHeight(), h.getGridWidth(), h.getMin(), h.getMax(), q);
        float[] out = new float[q.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = map.value(i);
        }
        return out;
    }
}
