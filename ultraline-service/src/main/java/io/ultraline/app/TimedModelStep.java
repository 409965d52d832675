package io.ultraline.app;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.ultraline.defect.AppearanceBank;
import io.ultraline.defect.FrameAssessment;
import io.ultraline.defect.ProfileBuilder;
import io.ultraline.defect.ReferenceProfile;
import io.ultraline.frame.RgbImage;
import io.ultraline.inspect.InspectedFrame;
import io.ultraline.inspect.ZoomChoice;
import io.ultraline.stream.CalibrationFrame;
import io.ultraline.stream.ModelIdentity;
import io.ultraline.stream.ModelStep;
import io.ultraline.ultra.align.ConceptPrototypes;
import io.ultraline.ultra.transform.TokenTransform;
import java.util.List;

/**
 * A {@link ModelStep} that records each first-stage (or single-stage) model call's batch size
 * and latency, and each second-stage call's latency apart.
 */
final class TimedModelStep implements ModelStep {

    private final ModelStep inner;
    private final Timer latency;
    private final DistributionSummary batchSize;
    private final Timer explainLatency;

    TimedModelStep(ModelStep inner, Timer latency, DistributionSummary batchSize, Timer explainLatency) {
        this.inner = inner;
        this.latency = latency;
        this.batchSize = batchSize;
        this.explainLatency = explainLatency;
    }

    @Override
    public ModelIdentity model() {
        return inner.model();
    }

    @Override
    public int imageSize() {
        return inner.imageSize();
    }

    @Override
    public int tokenDim() {
        return inner.tokenDim();
    }

    @Override
    public List<InspectedFrame> inspect(List<RgbImage> frames, List<TokenTransform> transforms) {
        batchSize.record(frames.size());
        return latency.record(() -> inner.inspect(frames, transforms));
    }

    @Override
    public List<InspectedFrame> scan(List<RgbImage> frames) {
        batchSize.record(frames.size());
        return latency.record(() -> inner.scan(frames));
    }

    @Override
    public List<InspectedFrame> explain(
            List<InspectedFrame> scanned, List<int[]> targets, List<TokenTransform> transforms) {
        return explainLatency.record(() -> inner.explain(scanned, targets, transforms));
    }

    @Override
    public FrameAssessment score(ReferenceProfile profile, InspectedFrame frame, int frameWidth, int frameHeight) {
        return inner.score(profile, frame, frameWidth, frameHeight);
    }

    @Override
    public AppearanceBank.Scores pixelScores(ReferenceProfile profile, InspectedFrame frame) {
        return inner.pixelScores(profile, frame);
    }

    @Override
    public float[] tileTokens(ReferenceProfile profile, byte[] modelInput) {
        return inner.tileTokens(profile, modelInput);
    }

    @Override
    public List<float[]> tileTokens(int scale, List<byte[]> modelInputs) {
        return inner.tileTokens(scale, modelInputs);
    }

    @Override
    public ZoomChoice chooseZoom(List<RgbImage> goodFrames) {
        return inner.chooseZoom(goodFrames);
    }

    @Override
    public FrameAssessment score(
            ReferenceProfile profile,
            InspectedFrame frame,
            int frameWidth,
            int frameHeight,
            AppearanceBank.Scores pixelScores) {
        return inner.score(profile, frame, frameWidth, frameHeight, pixelScores);
    }

    @Override
    public FrameAssessment assess(ReferenceProfile profile, InspectedFrame frame, int frameWidth, int frameHeight) {
        return inner.assess(profile, frame, frameWidth, frameHeight);
    }

    @Override
    public FrameAssessment regions(FrameAssessment scored, InspectedFrame explained, int frameWidth, int frameHeight) {
        return inner.regions(scored, explained, frameWidth, frameHeight);
    }

    @Override
    public ProfileBuilder newCalibration() {
        return inner.newCalibration();
    }

    @Override
    public TokenTransform learnTransform(List<CalibrationFrame> frames) {
        return inner.learnTransform(frames);
    }

    @Override
    public ConceptPrototypes learnConceptPrototypes(List<CalibrationFrame> frames, TokenTransform transform) {
        return inner.learnConceptPrototypes(frames, transform);
    }
}
