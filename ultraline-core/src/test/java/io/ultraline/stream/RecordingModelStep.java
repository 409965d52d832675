package io.ultraline.stream;

import io.ultraline.defect.AppearanceBank;
import io.ultraline.defect.FrameAssessment;
import io.ultraline.defect.ProfileBuilder;
import io.ultraline.defect.ReferenceProfile;
import io.ultraline.frame.RgbImage;
import io.ultraline.inspect.FrameInspector;
import io.ultraline.inspect.InspectedFrame;
import io.ultraline.inspect.ZoomChoice;
import io.ultraline.ultra.transform.TokenTransform;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A test double of the model step: the real tiny model underneath, a record of every batch it was
 * called with (first-stage and mode-all calls, with the latter's transforms; calls that add shifted
 * views and second-stage calls apart), and a model that fails on any batch containing a marked frame (pure magenta, as if
 * that frame broke the graph).
 */
class RecordingModelStep implements ModelStep {

    private final ModelStep real;
    private final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
    private final List<Integer> viewSizes = Collections.synchronizedList(new ArrayList<>());
    private final List<Integer> explainSizes = Collections.synchronizedList(new ArrayList<>());
    private final List<List<TokenTransform>> inspectTransforms = Collections.synchronizedList(new ArrayList<>());
    private volatile RuntimeException down;
    private final java.util.concurrent.atomic.AtomicInteger pixelScoreSearches =
            new java.util.concurrent.atomic.AtomicInteger();

    RecordingModelStep() {
        this(TestModels.inspector());
    }

    /** Over another inspector of the test model, e.g. one that scores shifted views. */
    RecordingModelStep(FrameInspector inspector) {
        this.real = ModelStep.of(inspector);
    }

    /** A frame this double's model fails on. */
    static java.awt.image.BufferedImage marked() {
        java.awt.image.BufferedImage image =
                new java.awt.image.BufferedImage(64, 64, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                image.setRGB(x, y, 0xff00ff);
            }
        }
        return image;
    }

    /** From now on every call fails with this, whatever the frames (null: the model works again). */
    void failEveryCall(RuntimeException failure) {
        down = failure;
    }

    List<Integer> batchSizes() {
        return List.copyOf(batchSizes);
    }

    /** Per mode-all call, each frame's token transform W (null: none), in call order. */
    List<List<TokenTransform>> inspectTransforms() {
        return List.copyOf(inspectTransforms);
    }

    /** Frames per call that added shifted views to scanned frames, in call order. */
    List<Integer> viewSizes() {
        return List.copyOf(viewSizes);
    }

    /** Frames per second-stage call (maps), in call order. */
    List<Integer> explainSizes() {
        return List.copyOf(explainSizes);
    }

    @Override
    public ModelIdentity model() {
        return real.model();
    }

    @Override
    public int imageSize() {
        return real.imageSize();
    }

    @Override
    public int tokenDim() {
        return real.tokenDim();
    }

    @Override
    public List<InspectedFrame> inspect(List<RgbImage> frames, List<TokenTransform> transforms) {
        batchSizes.add(frames.size());
        inspectTransforms.add(Collections.unmodifiableList(new ArrayList<>(transforms)));
        failOn(frames);
        return real.inspect(frames, transforms);
    }

    private void failOn(List<RgbImage> frames) {
        if (down != null) {
            throw down;
        }
        for (RgbImage f : frames) {
            if (isMarked(f)) {
                throw new IllegalStateException("simulated model failure: NaN in the attention of a marked frame");
            }
        }
    }

    @Override
    public List<InspectedFrame> scan(List<RgbImage> frames) {
        batchSizes.add(frames.size());
        failOn(frames);
        return real.scan(frames);
    }

    @Override
    public List<InspectedFrame> scanPlainView(List<RgbImage> frames) {
        batchSizes.add(frames.size());
        failOn(frames);
        return real.scanPlainView(frames);
    }

    @Override
    public boolean needsShiftedViews(InspectedFrame frame, FrameAssessment plainView) {
        return real.needsShiftedViews(frame, plainView);
    }

    @Override
    public List<InspectedFrame> withShiftedViews(List<InspectedFrame> frames) {
        viewSizes.add(frames.size());
        failOn(frames.stream().map(InspectedFrame::image).toList());
        return real.withShiftedViews(frames);
    }

    @Override
    public List<InspectedFrame> explain(
            List<InspectedFrame> scanned, List<int[]> targets, List<TokenTransform> transforms) {
        explainSizes.add(scanned.size());
        failOn(scanned.stream().map(InspectedFrame::image).toList());
        return real.explain(scanned, targets, transforms);
    }

    @Override
    public FrameAssessment score(ReferenceProfile profile, InspectedFrame frame, int frameWidth, int frameHeight) {
        return real.score(profile, frame, frameWidth, frameHeight);
    }

    @Override
    public float[] tileTokens(ReferenceProfile profile, byte[] modelInput) {
        return real.tileTokens(profile, modelInput);
    }

    @Override
    public List<float[]> tileTokens(int scale, List<byte[]> modelInputs) {
        return real.tileTokens(scale, modelInputs);
    }

    @Override
    public ZoomChoice chooseZoom(List<RgbImage> goodFrames) {
        return real.chooseZoom(goodFrames);
    }

    @Override
    public AppearanceBank.Scores pixelScores(ReferenceProfile profile, InspectedFrame frame) {
        AppearanceBank.Scores scores = real.pixelScores(profile, frame);
        if (scores != null) {
            pixelScoreSearches.incrementAndGet();
        }
        return scores;
    }

    @Override
    public FrameAssessment score(
            ReferenceProfile profile,
            InspectedFrame frame,
            int frameWidth,
            int frameHeight,
            AppearanceBank.Scores pixelScores) {
        return real.score(profile, frame, frameWidth, frameHeight, pixelScores);
    }

    /** Raw-pixel bank searches asked for through {@link #pixelScores} that found a raw-pixel channel. */
    int pixelScoreSearches() {
        return pixelScoreSearches.get();
    }

    @Override
    public FrameAssessment regions(FrameAssessment scored, InspectedFrame explained, int frameWidth, int frameHeight) {
        return real.regions(scored, explained, frameWidth, frameHeight);
    }

    @Override
    public FrameAssessment assess(ReferenceProfile profile, InspectedFrame frame, int frameWidth, int frameHeight) {
        return real.assess(profile, frame, frameWidth, frameHeight);
    }

    @Override
    public ProfileBuilder newCalibration() {
        return real.newCalibration();
    }

    @Override
    public TokenTransform learnTransform(List<CalibrationFrame> frames) {
        return real.learnTransform(frames);
    }

    private static boolean isMarked(RgbImage f) {
        float[] px = f.pixels();
        return px[0] > 0.99f && px[1] < 0.01f && px[2] > 0.99f;
    }
}
