package io.ultraline.inspect;

import io.ultraline.defect.AppearanceBank;
import io.ultraline.defect.AppearanceConfig;
import io.ultraline.defect.DefectDetector;
import io.ultraline.defect.FrameAssessment;
import io.ultraline.defect.FramePixels;
import io.ultraline.defect.ProfileBuilder;
import io.ultraline.defect.ProfileConfig;
import io.ultraline.defect.ReferenceProfile;
import io.ultraline.defect.ZoomChannel;
import io.ultraline.frame.Resize;
import io.ultraline.frame.RgbImage;
import io.ultraline.model.ModelOutput;
import io.ultraline.model.runtime.ModelRunner;
import io.ultraline.ultra.Segmentation;
import io.ultraline.ultra.SegmenterConfig;
import io.ultraline.ultra.TargetStrategy;
import io.ultraline.ultra.UltraSegmenter;
import io.ultraline.ultra.align.ConceptFeatures;
import io.ultraline.ultra.align.ConceptPrototypes;
import io.ultraline.ultra.transform.TokenTransform;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Inspects frames with a loaded model: resize to the model's input, tokens and all ULTra maps in
 * one model call per batch, concepts by {@link UltraSegmenter}, scores and regions against the
 * camera's profile by {@link DefectDetector}. Thread-safe when its parts are (they are).
 */
public final class FrameInspector {

    private final ModelRunner runner;
    private final UltraSegmenter segmenter;
    private final DefectDetector detector;
    private final int shifts;

    /** An inspector that scores the plain token grid. */
    public FrameInspector(ModelRunner runner, UltraSegmenter segmenter, DefectDetector detector) {
        this(runner, segmenter, detector, 1);
    }

    /**
     * An inspector that scores {@code shifts x shifts} views of each frame, moved by a fraction of a
     * patch ({@link ShiftedViews}): a defect smaller than a patch then falls inside some view's token
     * instead of straddling four, and the score map gets {@code shifts} times finer. The ULTra maps
     * and concepts stay those of the plain frame; only token forwards are added.
     *
     * @param shifts 1 (off) or a divisor of the model's patch size
     */
    public FrameInspector(ModelRunner runner, UltraSegmenter segmenter, DefectDetector detector, int shifts) {
        int patch = runner.config().patchSize();
        if (shifts < 1 || patch % shifts != 0) {
            throw new IllegalArgumentException(
                    "scoring shifts must divide the patch size " + patch + ", got " + shifts);
        }
        this.runner = runner;
        this.segmenter = segmenter;
        this.detector = detector;
        this.shifts = shifts;
    }

    /**
     * The inspector the service runs, so that the command line and an audit inspect exactly as it
     * does: the model's shifts, default concepts, profiles whose banks fit records of
     * {@code maxRecordBytes} (the service's {@code outputs.max-record-bytes}) and the default
     * region rule.
     */
    public static FrameInspector standard(ModelRunner runner, int maxRecordBytes) {
        return standard(runner, maxRecordBytes, true);
    }

    /** As {@link #standard(ModelRunner, int)}, with the profiles' raw-pixel channel on or off. */
    public static FrameInspector standard(ModelRunner runner, int maxRecordBytes, boolean rawPixels) {
        ProfileConfig profiles = ProfileConfig.defaults()
                .withAppearance(rawPixels ? AppearanceConfig.defaults() : AppearanceConfig.off())
                .withBankFitting(maxRecordBytes, runner.config().dim());
        return forModel(
                runner,
                new UltraSegmenter(SegmenterConfig.defaults()),
                new DefectDetector(profiles, DefectDetector.defaultRegionFinder()));
    }

    /** The service's default {@code outputs.max-record-bytes}. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 1_000_000;

    /** An inspector scoring with the shifts the model's manifest names. */
    public static FrameInspector forModel(ModelRunner runner, UltraSegmenter segmenter, DefectDetector detector) {
        return new FrameInspector(runner, segmenter, detector, runner.manifest().shifts());
    }

    /** Shifted views per axis that each frame is scored on. */
    public int shifts() {
        return shifts;
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

    /** Inspects a batch; {@code profile} may be null (no scores then); maps through the profile's W, if any. */
    public List<InspectedFrame> inspect(List<RgbImage> frames, ReferenceProfile profile) {
        return inspect(frames, profile, profile == null ? null : profile.transform());
    }

    /** As {@link #inspect(List, ReferenceProfile)}, with the ULTra target through {@code transform} (null: none). */
    public List<InspectedFrame> inspect(List<RgbImage> frames, ReferenceProfile profile, TokenTransform transform) {
        float[] input = stack(frames);
        List<ModelOutput> out = runner.explain(input, frames.size(), transform);
        int grid = runner.config().gridSize();
        List<float[]> scoringTokens = scoringTokens(out, input);
        List<InspectedFrame> result = new ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            RgbImage f = frames.get(i);
            ModelOutput t = out.get(i);
            float[] conceptTokens = transform == null ? t.tokens() : transform.apply(t.tokens(), grid * grid);
            Segmentation seg = segmenter.segment(t.maps(), t.targets(), conceptTokens, grid, grid);
            float[] scoring = scoringTokens.get(i);
            byte[] seen = seenByModel(input, i);
            FrameAssessment a = profile == null
                    ? null
                    : detector.assess(
                            profile,
                            scoring,
                            t.dim(),
                            seg,
                            f.width(),
                            f.height(),
                            new FramePixels(f.width(), f.height(), f.pixels()),
                            seen,
                            tileTokens(profile, seen));
            result.add(new InspectedFrame(f.width(), f.height(), t, seg, a, f, scoring, seen));
        }
        return result;
    }

    /**
     * Inspects a batch without scores, each frame's maps and concepts through its own token transform
     * W: one model call per distinct W (a batch mixes cameras), results in the frames' order.
     *
     * @param transforms per frame the token transform W, or null for the plain target
     */
    public List<InspectedFrame> inspectEach(List<RgbImage> frames, List<TokenTransform> transforms) {
        if (transforms.size() != frames.size()) {
            throw new IllegalArgumentException(
                    frames.size() + " frames need as many transforms, got " + transforms.size());
        }
        Map<CallKey, List<Integer>> groups = byCall(frames.size(), i -> CallKey.of(null, transforms.get(i)));
        InspectedFrame[] result = new InspectedFrame[frames.size()];
        for (List<Integer> members : groups.values()) {
            List<InspectedFrame> out =
                    inspect(members.stream().map(frames::get).toList(), null, transforms.get(members.get(0)));
            for (int m = 0; m < members.size(); m++) {
                result[members.get(m)] = out.get(m);
            }
        }
        return List.of(result);
    }

    /**
     * The first stage of two-stage inference: tokens of every frame and of its shifted views, no
     * maps. The frames come back without a segmentation (see {@link #explain}).
     */
    public List<InspectedFrame> scan(List<RgbImage> frames) {
        float[] input = stack(frames);
        List<ModelOutput> out = runner.tokens(input, frames.size());
        return scanned(frames, input, out, scoringTokens(out, input));
    }

    /** Scanned frames: no segmentation, no assessment, the given tokens to score. */
    private List<InspectedFrame> scanned(
            List<RgbImage> frames, float[] input, List<ModelOutput> out, List<float[]> scoringTokens) {
        List<InspectedFrame> result = new ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            RgbImage f = frames.get(i);
            result.add(new InspectedFrame(
                    f.width(), f.height(), out.get(i), null, null, f, scoringTokens.get(i), seenByModel(input, i)));
        }
        return result;
    }

    /**
     * As {@link #scan}, with the tokens of the plain view alone: the frames are scored on it, and
     * only those that need it get their shifted views ({@link #withShiftedViews},
     * {@link io.ultraline.defect.DefectDetector#needsShiftedViews}).
     */
    public List<InspectedFrame> scanPlainView(List<RgbImage> frames) {
        float[] input = stack(frames);
        List<ModelOutput> out = runner.tokens(input, frames.size());
        return scanned(frames, input, out, out.stream().map(ModelOutput::tokens).toList());
    }

    /** Whether a scanned frame's scoring tokens hold every shifted view this inspector scores. */
    public boolean hasShiftedViews(InspectedFrame frame) {
        return frame.scoringTokens().length == frame.modelOutput().tokens().length * shifts * shifts;
    }

    /**
     * The frames with the tokens of their other shifted views added, in one model call for all of
     * them; frames that have them already come back as they are.
     */
    public List<InspectedFrame> withShiftedViews(List<InspectedFrame> frames) {
        List<Integer> lacking = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            if (!hasShiftedViews(frames.get(i))) {
                lacking.add(i);
            }
        }
        List<InspectedFrame> result = new ArrayList<>(frames);
        if (lacking.isEmpty()) {
            return result;
        }
        List<InspectedFrame> todo = lacking.stream().map(frames::get).toList();
        float[] input = stack(todo.stream().map(InspectedFrame::image).toList());
        List<float[]> views =
                scoringTokens(todo.stream().map(InspectedFrame::modelOutput).toList(), input);
        for (int k = 0; k < todo.size(); k++) {
            InspectedFrame f = todo.get(k);
            result.set(
                    lacking.get(k),
                    new InspectedFrame(
                            f.width(),
                            f.height(),
                            f.modelOutput(),
                            f.segmentation(),
                            f.assessment(),
                            f.image(),
                            views.get(k),
                            f.modelInput()));
        }
        return result;
    }

    /** As {@link #explain(List, List, List)} with the plain ULTra target for every frame. */
    public List<InspectedFrame> explain(List<InspectedFrame> scanned, List<int[]> targets) {
        return explain(scanned, targets, Arrays.asList(new TokenTransform[scanned.size()]));
    }

    /**
     * The second stage: ULTra maps and concepts of frames that {@link #scan} inspected, one model
     * call per distinct target list and token transform; tokens and scoring tokens stay those of the
     * scan. A frame's W shapes its maps (f_i = ||W z_i||) and its concepts (clustered on W z), as in
     * {@link #inspect(List, ReferenceProfile, TokenTransform)}.
     *
     * @param targets    per frame the patch tokens to explain, or null for all of them
     * @param transforms per frame the token transform W, or null for the plain target
     */
    public List<InspectedFrame> explain(
            List<InspectedFrame> scanned, List<int[]> targets, List<TokenTransform> transforms) {
        if (targets.size() != scanned.size() || transforms.size() != scanned.size()) {
            throw new IllegalArgumentException(scanned.size() + " frames need as many target lists and transforms, got "
                    + targets.size() + " and " + transforms.size());
        }
        // the runner takes one target list and one W per call: frames that share both share a call
        Map<CallKey, List<Integer>> groups = byCall(scanned.size(), i -> CallKey.of(targets.get(i), transforms.get(i)));
        int grid = runner.config().gridSize();
        InspectedFrame[] result = new InspectedFrame[scanned.size()];
        for (Map.Entry<CallKey, List<Integer>> group : groups.entrySet()) {
            List<Integer> members = group.getValue();
            float[] input =
                    stack(members.stream().map(i -> scanned.get(i).image()).toList());
            int[] chosen = group.getKey().targets();
            TokenTransform w = transforms.get(members.get(0));
            List<ModelOutput> out = chosen == null
                    ? runner.explain(input, members.size(), w)
                    : runner.explain(input, members.size(), chosen, w);
            for (int m = 0; m < members.size(); m++) {
                InspectedFrame f = scanned.get(members.get(m));
                ModelOutput t = out.get(m);
                float[] tokens = f.modelOutput().tokens();
                ModelOutput withMaps = new ModelOutput(t.numPatches(), t.dim(), tokens, t.maps(), t.targets());
                float[] conceptTokens = w == null ? tokens : w.apply(tokens, grid * grid);
                result[members.get(m)] = new InspectedFrame(
                        f.width(),
                        f.height(),
                        withMaps,
                        segmenter.segment(t.maps(), t.targets(), conceptTokens, grid, grid),
                        null,
                        f.image(),
                        f.scoringTokens(),
                        f.modelInput());
            }
        }
        return List.of(result);
    }

    /** The indices 0..n-1 grouped by their call, groups in order of first appearance. */
    private static Map<CallKey, List<Integer>> byCall(int n, IntFunction<CallKey> keyOf) {
        Map<CallKey, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            groups.computeIfAbsent(keyOf.apply(i), k -> new ArrayList<>()).add(i);
        }
        return groups;
    }

    /** A target list (null: all tokens) and a W (null: none) as a map key, both by content. */
    private record CallKey(int[] targets, int outDim, float[] weights) {
        static CallKey of(int[] targets, TokenTransform w) {
            return w == null ? new CallKey(targets, 0, null) : new CallKey(targets, w.outDim(), w.weights());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof CallKey k
                    && Arrays.equals(targets, k.targets)
                    && outDim == k.outDim
                    && Arrays.equals(weights, k.weights);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(targets) + Arrays.hashCode(weights);
        }
    }

    /**
     * Per frame of {@code input}, its plain tokens followed by those of its other shifted views; the
     * other views of the whole batch go through the model in one call.
     */
    private List<float[]> scoringTokens(List<ModelOutput> plain, float[] input) {
        List<float[]> out = new ArrayList<>(plain.size());
        if (shifts == 1) {
            plain.forEach(t -> out.add(t.tokens()));
            return out;
        }
        int per = runner.pixelsPerFrame();
        int others = shifts * shifts - 1;
        float[] views = new float[plain.size() * others * per];
        for (int i = 0; i < plain.size(); i++) {
            ShiftedViews.write(
                    input,
                    i * per,
                    runner.config().imageSize(),
                    runner.config().patchSize(),
                    shifts,
                    1,
                    views,
                    i * others * per);
        }
        List<ModelOutput> shifted = runner.tokens(views, plain.size() * others);
        for (int i = 0; i < plain.size(); i++) {
            float[] own = plain.get(i).tokens();
            float[] all = new float[own.length * (others + 1)];
            System.arraycopy(own, 0, all, 0, own.length);
            for (int v = 0; v < others; v++) {
                float[] t = shifted.get(i * others + v).tokens();
                System.arraycopy(t, 0, all, own.length * (v + 1), own.length);
            }
            out.add(all);
        }
        return out;
    }

    /**
     * The tile tokens a profile's zoom channel scores a frame on ({@link ZoomTiles}): one model call
     * of {@code scale * scale} tiles. Null for a profile without a zoom channel.
     *
     * @param modelInput the frame as the model saw it, 8-bit ({@link InspectedFrame#modelInput})
     */
    public float[] tileTokens(ReferenceProfile profile, byte[] modelInput) {
        ZoomChannel zoom = profile.zoom();
        return zoom == null
                ? null
                : tileTokens(zoom.scale(), List.of(modelInput)).get(0);
    }

    /** Per frame as the model saw it (8-bit), its tile tokens at {@code scale}; one model call for all. */
    public List<float[]> tileTokens(int scale, List<byte[]> modelInputs) {
        if (scale < 2 || scale > ZoomChannel.MAX_SCALE) {
            throw new IllegalArgumentException(
                    "zoom tiles are cut at 2 to " + ZoomChannel.MAX_SCALE + "x, got " + scale);
        }
        return ZoomTiles.tokens(runner, modelInputs, scale);
    }

    /**
     * The first-stage scores of a scanned frame against a profile ({@link DefectDetector#score}),
     * with its raw-pixel and zoom channels where the profile has them.
     */
    public FrameAssessment score(ReferenceProfile profile, InspectedFrame frame) {
        int grid = runner.config().gridSize();
        return detector.scoreWithPixelScores(
                profile,
                frame.scoringTokens(),
                frame.modelOutput().dim(),
                grid,
                grid,
                frame.width(),
                frame.height(),
                DefectDetector.pixelScores(profile, frame.modelInput()),
                tileTokens(profile, frame.modelInput()));
    }

    /**
     * Tokens and model inputs of good frames into a new profile (no maps needed): the token bank,
     * and the raw-pixel channel where the detector's configuration enables it.
     */
    public ReferenceProfile calibrate(List<RgbImage> goodFrames, long version, int batch) {
        return calibrate(goodFrames, version, batch, detector.profileConfig());
    }

    /** As {@link #calibrate(List, long, int)}, under another calibration (an evaluation's ablation). */
    public ReferenceProfile calibrate(List<RgbImage> goodFrames, long version, int batch, ProfileConfig config) {
        return calibrate(goodFrames, version, batch, config, 1);
    }

    /**
     * As {@link #calibrate(List, long, int, ProfileConfig)}, with a zoom channel of the frames
     * enlarged {@code zoom} times ({@link io.ultraline.defect.ZoomChannel}); 1 for none.
     */
    public ReferenceProfile calibrate(
            List<RgbImage> goodFrames, long version, int batch, ProfileConfig config, int zoom) {
        if (zoom < 1 || zoom > ZoomChannel.MAX_SCALE) {
            throw new IllegalArgumentException("zoom must be 1 (none) to " + ZoomChannel.MAX_SCALE + ", got " + zoom);
        }
        ProfileBuilder builder = new ProfileBuilder(config, runner.config().dim());
        for (int from = 0; from < goodFrames.size(); from += batch) {
            List<RgbImage> chunk = goodFrames.subList(from, Math.min(goodFrames.size(), from + batch));
            float[] input = stack(chunk);
            List<float[]> tokens = scoringTokens(runner.tokens(input, chunk.size()), input);
            List<byte[]> seen = new ArrayList<>(chunk.size());
            for (int i = 0; i < chunk.size(); i++) {
                seen.add(seenByModel(input, i));
            }
            List<float[]> tiles = zoom == 1 ? null : tileTokens(zoom, seen);
            for (int i = 0; i < tokens.size(); i++) {
                builder.add(tokens.get(i), seen.get(i), tiles == null ? null : tiles.get(i), zoom);
            }
        }
        return builder.build(version, Instant.now());
    }

    /**
     * Most maps times tokens per frame that concept prototypes are learned from: the default
     * model's 64 maps of 64 tokens. A map costs about one backward pass, which grows with the
     * token count, so a larger grid gets fewer maps ({@link #prototypeTargets}).
     */
    public static final int PROTOTYPE_MAP_WORK = 4096;

    /** Fewest maps per frame for prototypes: the two-stage explanations' default T. */
    public static final int MIN_PROTOTYPE_TARGETS = 16;

    /**
     * Maps per calibration frame for concept prototypes on a grid of {@code n} tokens: all of them
     * up to 64 tokens, else {@link #PROTOTYPE_MAP_WORK} / n representatives, at least
     * {@link #MIN_PROTOTYPE_TARGETS}. All maps of a ViT-S/16 frame at 224 px took 10 to 50 s on 2
     * cores (docs/benchmarks.md), so a 16-frame calibration kept a camera CALIBRATING for minutes
     * and its all-target batch raised the service's resident memory past 5 GiB.
     */
    public static int prototypeTargets(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a grid has at least one token, got " + n);
        }
        return Math.min(n, Math.max(MIN_PROTOTYPE_TARGETS, PROTOTYPE_MAP_WORK / n));
    }

    /**
     * The camera's concept prototypes (issue 19, part 4), learned from the ULTra concepts of good
     * frames: unlike {@link #calibrate}, this needs each frame's maps, {@link #prototypeTargets} of
     * them, chosen as {@link TargetStrategy#REPRESENTATIVES}.
     */
    public ConceptPrototypes conceptPrototypes(List<RgbImage> goodFrames, int batch, double maxDistance) {
        return conceptPrototypes(goodFrames, batch, maxDistance, null);
    }

    /** As above, from the concepts of maps through {@code transform} (null: none). */
    public ConceptPrototypes conceptPrototypes(
            List<RgbImage> goodFrames, int batch, double maxDistance, TokenTransform transform) {
        int grid = runner.config().gridSize();
        int n = grid * grid;
        int t = prototypeTargets(n);
        List<ConceptFeatures> features = new ArrayList<>();
        for (int from = 0; from < goodFrames.size(); from += batch) {
            List<RgbImage> chunk = goodFrames.subList(from, Math.min(goodFrames.size(), from + batch));
            List<InspectedFrame> explained;
            if (t >= n) {
                explained = inspect(chunk, null, transform);
            } else {
                List<InspectedFrame> scanned = scanPlainView(chunk);
                List<int[]> targets = new ArrayList<>(scanned.size());
                for (InspectedFrame f : scanned) {
                    ModelOutput out = f.modelOutput();
                    targets.add(TargetStrategy.REPRESENTATIVES.choose(out.tokens(), n, out.dim(), t, null));
                }
                explained = explain(scanned, targets, Collections.nCopies(scanned.size(), transform));
            }
            for (InspectedFrame f : explained) {
                features.add(ConceptFeatures.of(
                        f.segmentation().labels(),
                        f.modelOutput().tokens(),
                        f.modelOutput().dim()));
            }
        }
        return ConceptPrototypes.learn(features, maxDistance, ConceptPrototypes.MIN_PATCHES);
    }

    /** Frame {@code i} of a stacked model input, quantised for the profile's raw-pixel channel. */
    private byte[] seenByModel(float[] input, int i) {
        int per = runner.pixelsPerFrame();
        return AppearanceBank.quantise(Arrays.copyOfRange(input, i * per, (i + 1) * per));
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
