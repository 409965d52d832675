package io.ultraline.stream;

import io.ultraline.defect.AppearanceBank;
import io.ultraline.defect.DefectDetector;
import io.ultraline.defect.FrameAssessment;
import io.ultraline.defect.ProfileBuilder;
import io.ultraline.defect.ReferenceProfile;
import io.ultraline.frame.RgbImage;
import io.ultraline.inspect.FrameInspector;
import io.ultraline.inspect.InspectedFrame;
import io.ultraline.inspect.TransformCalibration;
import io.ultraline.inspect.ZoomChoice;
import io.ultraline.model.ModelManifest;
import io.ultraline.ultra.align.ConceptPrototypes;
import io.ultraline.ultra.transform.TokenTransform;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ModelStep} over a {@link FrameInspector}: the batch goes to the model without a
 * profile (a batch mixes cameras), and each frame is scored afterwards against its own camera's
 * profile with the inspector's detector. A model whose graph predates the token transform input
 * gets the plain maps even for a camera with a W, as the maps it could give before.
 */
final class InspectorModelStep implements ModelStep {

    private static final Logger LOG = LoggerFactory.getLogger(InspectorModelStep.class);
    /** Calibration frames a model call explains while learning the concept prototypes. */
    private static final int PROTOTYPE_BATCH = 8;

    private final FrameInspector inspector;
    private final ModelIdentity model;

    InspectorModelStep(FrameInspector inspector) {
        this.inspector = inspector;
        ModelManifest manifest = inspector.runner().manifest();
        this.model = new ModelIdentity(manifest.name(), manifest.version(), manifest.weightsSha256());
    }

    @Override
    public ModelIdentity model() {
        return model;
    }

    @Override
    public int imageSize() {
        return inspector.runner().config().imageSize();
    }

    @Override
    public int tokenDim() {
        return inspector.runner().config().dim();
    }

    @Override
    public List<InspectedFrame> inspect(List<RgbImage> frames, List<TokenTransform> transforms) {
        return inspector.inspectEach(frames, supported(transforms));
    }

    @Override
    public List<InspectedFrame> scan(List<RgbImage> frames) {
        return inspector.scan(frames);
    }

    @Override
    public List<InspectedFrame> scanPlainView(List<RgbImage> frames) {
        return inspector.scanPlainView(frames);
    }

    @Override
    public boolean needsShiftedViews(InspectedFrame frame, FrameAssessment plainView) {
        return !inspector.hasShiftedViews(frame)
                && (plainView == null || inspector.detector().needsShiftedViews(plainView));
    }

    @Override
    public List<InspectedFrame> withShiftedViews(List<InspectedFrame> frames) {
        return inspector.withShiftedViews(frames);
    }

    @Override
    public List<InspectedFrame> explain(
            List<InspectedFrame> scanned, List<int[]> targets, List<TokenTransform> transforms) {
        return inspector.explain(scanned, targets, supported(transforms));
    }

    /** The transforms, or none at all when the model's graph takes no W. */
    private List<TokenTransform> supported(List<TokenTransform> transforms) {
        return inspector.runner().acceptsTransform()
                ? transforms
                : Collections.nCopies(transforms.size(), (TokenTransform) null);
    }

    @Override
    public FrameAssessment score(ReferenceProfile profile, InspectedFrame frame, int frameWidth, int frameHeight) {
        return score(profile, frame, frameWidth, frameHeight, null);
    }

    @Override
    public AppearanceBank.Scores pixelScores(ReferenceProfile profile, InspectedFrame frame) {
        return DefectDetector.pixelScores(profile, frame.modelInput());
    }

    @Override
    public FrameAssessment score(
            ReferenceProfile profile,
            InspectedFrame frame,
            int frameWidth,
            int frameHeight,
            AppearanceBank.Scores pixelScores) {
        int grid = inspector.runner().config().gridSize();
        return inspector
                .detector()
                .scoreWithPixelScores(
                        profile,
                        frame.scoringTokens(),
                        frame.modelOutput().dim(),
                        grid,
                        grid,
                        frameWidth,
                        frameHeight,
                        pixelScores != null ? pixelScores : pixelScores(profile, frame),
                        tileTokens(profile, frame.modelInput()));
    }

    @Override
    public FrameAssessment assess(ReferenceProfile profile, InspectedFrame frame, int frameWidth, int frameHeight) {
        return inspector
                .detector()
                .assess(
                        profile,
                        frame.scoringTokens(),
                        frame.modelOutput().dim(),
                        frame.segmentation(),
                        frameWidth,
                        frameHeight,
                        frame.pixels(),
                        frame.modelInput(),
                        tileTokens(profile, frame.modelInput()));
    }

    @Override
    public float[] tileTokens(ReferenceProfile profile, byte[] modelInput) {
        return inspector.tileTokens(profile, modelInput);
    }

    @Override
    public List<float[]> tileTokens(int scale, List<byte[]> modelInputs) {
        return inspector.tileTokens(scale, modelInputs);
    }

    @Override
    public ZoomChoice chooseZoom(List<RgbImage> goodFrames) {
        return ZoomChoice.choose(inspector, goodFrames);
    }

    @Override
    public FrameAssessment regions(FrameAssessment scored, InspectedFrame explained, int frameWidth, int frameHeight) {
        return inspector
                .detector()
                .regions(scored, explained.segmentation(), frameWidth, frameHeight, explained.pixels());
    }

    @Override
    public ProfileBuilder newCalibration() {
        return inspector.detector().newCalibration(tokenDim());
    }

    @Override
    public TokenTransform learnTransform(List<CalibrationFrame> frames) {
        List<RgbImage> seen =
                inspector.runner().acceptsTransform() ? CalibrationFrame.seenByModel(frames, imageSize()) : null;
        if (seen == null) {
            return null;
        }
        return TransformCalibration.learn(inspector, seen, TransformCalibration.SEED)
                .transform();
    }

    @Override
    public ConceptPrototypes learnConceptPrototypes(List<CalibrationFrame> frames, TokenTransform transform) {
        List<RgbImage> seen = CalibrationFrame.seenByModel(frames, imageSize());
        if (seen == null) {
            return null;
        }
        try {
            return inspector.conceptPrototypes(
                    seen,
                    PROTOTYPE_BATCH,
                    ConceptPrototypes.DEFAULT_MAX_DISTANCE,
                    inspector.runner().acceptsTransform() ? transform : null);
        } catch (IllegalArgumentException e) {
            LOG.warn("No concept prototypes learned from {} calibration frames: {}", frames.size(), e.getMessage());
            return null;
        }
    }
}
