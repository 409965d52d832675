package io.ultraline.inspect;

import io.ultraline.defect.DefectDetector;
import io.ultraline.defect.FrameAssessment;
import io.ultraline.defect.FramePixels;
import io.ultraline.defect.ProfileBuilder;
import io.ultraline.defect.ReferenceProfile;
import io.ultraline.frame.Resize;
import io.ultraline.frame.RgbImage;
import io.ultraline.model.FrameTokens;
import io.ultraline.model.ModelRunner;
import io.ultraline.ultra.Segmentation;
import io.ultraline.ultra.UltraSegmenter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Inspects frames with a loaded model: resize to the model's input, tokens and all ULTra maps in
 * one model call per batch, concepts by {@link UltraSegmenter}, scores and regions against the
 * camera's profile by {@link DefectDetector}. Thread-safe when its parts are (they are).
 */
public final class FrameInspector {

    private final ModelRunner runner;
    private final UltraSegmenter segmenter;
    private final DefectDetector detector;

    public FrameInspector(ModelRunner runner, UltraSegmenter segmenter, DefectDetector detector) {
        this.runner = runner;
        this.segmenter = segmenter;
        this.detector = detector;
    }

    public ModelRunner runner() {
        return runner;
    }

    public DefectDetector detector() {
        return detector;
    }

    /** The model input of one frame: RGB in [0, 1] at the model's size. */
    public float[] modelInput(RgbImage frame) {
        int s = runner.config().imageSize();
        return Resize.to(frame, s, s).pixels();
    }

    /** Inspects a batch; {@code profile} may be null (no scores then). */
    public List<InspectedFrame> inspect(List<RgbImage> frames, ReferenceProfile profile) {
        float[] input = stack(frames);
        List<FrameTokens> out = runner.explain(input, frames.size());
        int grid = runner.config().gridSize();
        List<InspectedFrame> result = new ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            RgbImage f = frames.get(i);
            FrameTokens t = out.get(i);
            Segmentation seg = segmenter.segment(t.maps(), grid, grid);
            FrameAssessment a = profile == null ? null
                    : detector.assess(profile, t.tokens(), t.dim(), seg, f.width(), f.height(),
                            new FramePixels(f.width(), f.height(), f.pixels()));
            result.add(new InspectedFrame(f.width(), f.height(), t, seg, a, f));
        }
        return result;
    }

    /** Tokens of good frames into a new profile (the model's tokens only; no maps needed). */
    public ReferenceProfile calibrate(List<RgbImage> goodFrames, long version, int batch) {
        ProfileBuilder builder = detector.newCalibration(runner.config().dim());
        for (int from = 0; from < goodFrames.size(); from += batch) {
            List<RgbImage> chunk = goodFrames.subList(from, Math.min(goodFrames.size(), from + batch));
            for (FrameTokens t : runner.tokens(stack(chunk), chunk.size())) {
                builder.add(t.tokens());
            }
        }
        return builder.build(version, Instant.now());
    }

    private float[] stack(List<RgbImage> frames) {
        int per = runner.pixelsPerFrame();
        float[] input = new float[frames.size() * per];
        for (int i = 0; i < frames.size(); i++) {
            System.arraycopy(modelInput(frames.get(i)), 0, input, i * per, per);
        }
        return input;
    }
}
