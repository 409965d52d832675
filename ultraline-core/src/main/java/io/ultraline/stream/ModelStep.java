package io.ultraline.stream;

import io.ultraline.defect.AppearanceBank;
import io.ultraline.defect.FrameAssessment;
import io.ultraline.defect.ProfileBuilder;
import io.ultraline.defect.ReferenceProfile;
import io.ultraline.frame.RgbImage;
import io.ultraline.inspect.FrameInspector;
import io.ultraline.inspect.InspectedFrame;
import io.ultraline.inspect.ZoomChoice;
import io.ultraline.ultra.align.ConceptPrototypes;
import io.ultraline.ultra.transform.TokenTransform;
import java.util.Arrays;
import java.util.List;

/**
 * The model step as the topology sees it: one shared instance per application instance, used by
 * every stream thread, so implementations must be thread-safe. {@link #of(FrameInspector)} adapts the
 * project's {@link FrameInspector}; tests may put a double in its place.
 */
public interface ModelStep {

    /** The model behind the results. */
    ModelIdentity model();

    /** Side of the square model input, in pixels: frames are resized to it before they are buffered. */
    int imageSize();

    /** Dimension of a patch token, which profiles must match. */
    int tokenDim();

    /**
     * Tokens, ULTra maps and concepts of a batch in one model call, without scores, with the plain
     * ULTra target.
     *
     * @param frames images of {@link #imageSize()} x {@link #imageSize()}
     * @throws RuntimeException when the model fails on the batch
     */
    default List<InspectedFrame> inspect(List<RgbImage> frames) {
        return inspect(frames, Arrays.asList(new TokenTransform[frames.size()]));
    }

    /**
     * As {@link #inspect(List)}, each frame's maps and concepts through its camera's token transform
     * W (issue 19): one model call per distinct W, since a batch mixes cameras.
     *
     * @param transforms per frame its camera's W, or null for the plain target
     * @throws RuntimeException when the model fails on the batch
     */
    List<InspectedFrame> inspect(List<RgbImage> frames, List<TokenTransform> transforms);

    /**
     * Stage 1 of two-stage inference: the tokens of a batch (and of the frames' shifted views), no
     * maps; the frames come back without a segmentation.
     *
     * @throws RuntimeException when the model fails on the batch
     */
    List<InspectedFrame> scan(List<RgbImage> frames);

    /**
     * As {@link #scan}, where the model scores shifted views: the plain view's tokens alone, for
     * frames that get their other views only when {@link #needsShiftedViews} says so.
     *
     * @throws RuntimeException when the model fails on the batch
     */
    default List<InspectedFrame> scanPlainView(List<RgbImage> frames) {
        return scan(frames);
    }

    /**
     * Whether a frame from {@link #scanPlainView} needs {@link #withShiftedViews}: always to be
     * calibrated with ({@code plainView} null), and to be scored when its plain view's score came
     * near the threshold ({@link io.ultraline.defect.DefectDetector#needsShiftedViews}).
     */
    default boolean needsShiftedViews(InspectedFrame frame, FrameAssessment plainView) {
        return false;
    }

    /**
     * The frames with every shifted view's tokens, in one model call.
     *
     * @throws RuntimeException when the model fails on the batch
     */
    default List<InspectedFrame> withShiftedViews(List<InspectedFrame> frames) {
        return frames;
    }

    /** As {@link #explain(List, List, List)} with the plain ULTra target for every frame. */
    default List<InspectedFrame> explain(List<InspectedFrame> scanned, List<int[]> targets) {
        return explain(scanned, targets, Arrays.asList(new TokenTransform[scanned.size()]));
    }

    /**
     * Stage 2: maps and concepts of scanned frames, one model call per distinct target list and W
     * (a batch mixes cameras, each with its own W).
     *
     * @param targets    per frame the tokens to explain, or null for all
     * @param transforms per frame its camera's token transform W (issue 19), or null for the plain target
     * @throws RuntimeException when the model fails on the batch
     */
    List<InspectedFrame> explain(List<InspectedFrame> scanned, List<int[]> targets, List<TokenTransform> transforms);

    /**
     * The verdict's part of an assessment from the frame's tokens alone (scores, threshold, no
     * regions): complete for a frame at or below the threshold.
     */
    FrameAssessment score(ReferenceProfile profile, InspectedFrame frame, int frameWidth, int frameHeight);

    /**
     * The part of {@link #score} that does not depend on the frame's views: its raw-pixel channel's
     * scores against the profile (null where the profile has none, or this step does not split it
     * out). A frame scored on its plain view and again on all views reuses them.
     */
    default AppearanceBank.Scores pixelScores(ReferenceProfile profile, InspectedFrame frame) {
        return null;
    }

    /**
     * As {@link #score}, with the frame's {@link #pixelScores} against the same profile computed
     * before; null computes them as {@link #score} does. The result equals {@link #score}'s.
     */
    default FrameAssessment score(
            ReferenceProfile profile,
            InspectedFrame frame,
            int frameWidth,
            int frameHeight,
            AppearanceBank.Scores pixelScores) {
        return score(profile, frame, frameWidth, frameHeight);
    }

    /** Scores one explained frame against a profile and cuts its defect regions in frame pixels. */
    FrameAssessment assess(ReferenceProfile profile, InspectedFrame frame, int frameWidth, int frameHeight);

    /**
     * The regions of a flagged frame from its first-stage assessment ({@link #score}) and its
     * concepts, without scoring it again: equal to {@link #assess} on the same frame and profile.
     */
    FrameAssessment regions(FrameAssessment scored, InspectedFrame explained, int frameWidth, int frameHeight);

    /** A new calibration for this model's tokens. */
    ProfileBuilder newCalibration();

    /**
     * The tile tokens the profile's zoom channel scores a frame on, from the frame as the model saw
     * it; null for a profile without a zoom channel. A profile with one is refused by a step that
     * cannot cut tiles, rather than scored without its channel.
     */
    default float[] tileTokens(ReferenceProfile profile, byte[] modelInput) {
        if (profile.zoom() != null) {
            throw new IllegalArgumentException("this model step cannot score a profile with a "
                    + profile.zoom().scale() + "x zoom channel");
        }
        return null;
    }

    /** The zoom the painted self-check chooses for a camera's good frames ({@link ZoomChoice#choose}). */
    default ZoomChoice chooseZoom(List<RgbImage> goodFrames) {
        throw new IllegalArgumentException("this model step cannot choose a zoom");
    }

    /** The tile tokens of frames at {@code scale}, one model call, to calibrate a zoom channel on. */
    default List<float[]> tileTokens(int scale, List<byte[]> modelInputs) {
        throw new IllegalArgumentException("this model step cannot cut " + scale + "x zoom tiles");
    }

    /**
     * The camera's token transform W (issue 19) learned from its calibration frames, the same for
     * the same frames (an audit learns it again); null when it cannot be learned: the model's
     * graph takes no W, or a frame lacks its model input.
     *
     * @throws UnsupportedOperationException when this step has no model to learn it with
     */
    default TokenTransform learnTransform(List<CalibrationFrame> frames) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot learn a token transform");
    }

    /**
     * The camera's concept prototypes (issue 19, part 4) learned from the concepts of its
     * calibration frames, with their maps through {@code transform} (null: plain), the same for the
     * same frames; null when none can be learned: a frame lacks its model input, no concept has
     * {@value io.ultraline.ultra.align.ConceptPrototypes#MIN_PATCHES} patches, or this step has no
     * segmenter (a test double's default).
     */
    default ConceptPrototypes learnConceptPrototypes(List<CalibrationFrame> frames, TokenTransform transform) {
        return null;
    }

    /** The model-backed inspection. */
    static ModelStep of(FrameInspector inspector) {
        return new InspectorModelStep(inspector);
    }
}
