package io.ultraline.app;

import io.ultraline.avro.ConceptPixels;
import io.ultraline.avro.DefectRegion;
import io.ultraline.avro.FrameExplanation;
import io.ultraline.avro.PixelMask;
import io.ultraline.frame.ImageFiles;
import io.ultraline.frame.RgbImage;
import io.ultraline.stream.DeadLetterException;
import io.ultraline.stream.FrameDecoding;
import io.ultraline.ultra.ConceptPixelImage;
import io.ultraline.ultra.RunLengthMask;
import io.ultraline.ultra.render.GridOverlay;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * The overlay PNG of one recent frame: the frame, its ULTra concepts (tint and borders, refined to
 * pixels by the frame's colours, coloured by the camera's concept ids where the record has them:
 * {@link PixelConceptLayer}), the token
 * score heatmap and the defect masks outlined in green. Status, score and regions are not drawn:
 * the dashboard shows them as HTML next to the picture; only what could not be drawn is written
 * in a strip below it.
 *
 * <p>The frame is decoded exactly as the stream decoded it: through {@link FrameDecoding} under the
 * frame's declared encoding and the pipeline's limits, so raw GRAY8/RGB8 frames get overlays too,
 * and bytes that claim another format or a huge size are never handed to a decoder that guesses.
 * The canvas is bounded by {@link GridOverlay#MAX_CANVAS_PIXELS}. At most {@link #RENDERS_AT_ONCE}
 * renders run at a time, each PNG is rendered once per state of its frame
 * ({@link RecentFrames#overlay}), and a frame that cannot be shown still gets a PNG that says why,
 * so no dashboard retries a failing request every second.
 */
@Singleton
final class OverlayRenderer {

    static final int MIN_SIDE = 384;
    /**
     * Renders in flight at once. Decoding a frame holds up to 16 bytes a pixel of the frame (float
     * pixels and an RGB image), so this, times the pipeline's pixel limit, bounds the memory that
     * open dashboards can take.
     */
    static final int RENDERS_AT_ONCE = 2;

    private static final int DEFECT_RGB = 0x00ff40;

    private final FrameDecoding decoding;
    private final RecentFrames recent;
    private final Semaphore renders = new Semaphore(RENDERS_AT_ONCE, true);

    @Inject
    OverlayRenderer(ServiceSettings settings, RecentFrames recent) {
        this(FrameDecoding.standard(settings.pipeline().limits()), recent);
    }

    OverlayRenderer(FrameDecoding decoding, RecentFrames recent) {
        this.decoding = decoding;
        this.recent = recent;
    }

    /** The overlay of {@code entry}, from the cache when nothing about the frame changed since. */
    byte[] png(RecentFrames.Entry entry) {
        return recent.overlay(entry, this::render);
    }

    byte[] render(RecentFrames.Entry entry) {
        renders.acquireUninterruptibly();
        try {
            return ImageFiles.pngBytes(draw(entry));
        } finally {
            renders.release();
        }
    }

    private BufferedImage draw(RecentFrames.Entry entry) {
        // camera, status, score and regions are the dashboard's HTML caption (they were cut off
        // in a strip of the PNG); the PNG names only what it could not draw
        List<String> problems = new ArrayList<>();
        BufferedImage frame;
        PixelConceptLayer conceptLayer;
        try {
            RgbImage decoded = decoding.decode(entry.frame());
            conceptLayer = PixelConceptLayer.of(decoded);
            frame = decoded.toBufferedImage();
        } catch (DeadLetterException e) {
            problems.add("frame not shown: " + e.getMessage());
            return new GridOverlay(placeholder(), 1, 1, MIN_SIDE).withCaption(problems);
        }
        FrameExplanation explanation = entry.explanation().orElse(null);
        List<DefectRegion> defects = entry.defects();
        int gridH = explanation != null
                ? explanation.getGridHeight()
                : defects.isEmpty() ? 1 : defects.get(0).getMask().getGridHeight();
        int gridW = explanation != null
                ? explanation.getGridWidth()
                : defects.isEmpty() ? 1 : defects.get(0).getMask().getGridWidth();
        GridOverlay overlay;
        try {
            overlay = new GridOverlay(frame, gridH, gridW, MIN_SIDE);
        } catch (IllegalArgumentException e) {
            problems.add("layers not shown: " + e.getMessage());
            return new GridOverlay(frame, 1, 1, MIN_SIDE).withCaption(problems);
        }
        frame = null; // the canvas holds its own copy; let a large frame go before the layers are drawn
        if (explanation != null) {
            layer(problems, "concepts", () -> {
                ConceptPixels px = explanation.getConceptPixels();
                ConceptPixelImage labels = px != null
                        ? ConceptPixelImage.fromRuns(
                                px.getWidth(),
                                px.getHeight(),
                                px.getRuns().stream()
                                        .mapToInt(Integer::intValue)
                                        .toArray())
                        : conceptLayer.refine(
                                explanation.getTokenLabels().stream()
                                        .mapToInt(Integer::intValue)
                                        .toArray(),
                                gridH,
                                gridW);
                PixelConceptLayer.draw(
                        overlay, PixelConceptLayer.byCameraId(labels, explanation.getConceptIds()), 0.12);
            });
            if (explanation.getTokenScores() != null && explanation.getThreshold() != null) {
                layer(
                        problems,
                        "heatmap",
                        () -> overlay.heatmap(
                                AvroHeatmaps.values(explanation.getTokenScores()),
                                0,
                                2 * explanation.getThreshold(),
                                0.4));
            }
        }
        for (DefectRegion d : defects) {
            // the pixel mask where the record has one; records from before it show their tokens
            PixelMask px = d.getPixelMask();
            layer(
                    problems,
                    "defect region " + d.getRegionIndex(),
                    px != null
                            ? () -> overlay.outlinePixels(
                                    new RunLengthMask(
                                                    px.getHeight(),
                                                    px.getWidth(),
                                                    px.getRuns().stream()
                                                            .mapToInt(Integer::intValue)
                                                            .toArray())
                                            .decode(),
                                    px.getWidth(),
                                    px.getHeight(),
                                    DEFECT_RGB)
                            : () -> overlay.outline(
                                    new RunLengthMask(
                                                    d.getMask().getGridHeight(),
                                                    d.getMask().getGridWidth(),
                                                    d.getMask().getRuns().stream()
                                                            .mapToInt(Integer::intValue)
                                                            .toArray())
                                            .decode(),
                                    DEFECT_RGB));
        }
        return problems.isEmpty() ? overlay.image() : overlay.withCaption(problems);
    }

    /** Draws one layer; one that does not fit the grid is named in the PNG instead of failing it. */
    private static void layer(List<String> problems, String name, Runnable draw) {
        try {
            draw.run();
        } catch (IllegalArgumentException e) {
            problems.add(name + " not shown: " + e.getMessage());
        }
    }

    private static BufferedImage placeholder() {
        BufferedImage img = new BufferedImage(MIN_SIDE, MIN_SIDE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(0x606060));
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.dispose();
        return img;
    }
}
