package io.ultraline.cli;

import io.ultraline.defect.AppearanceConfig;
import io.ultraline.defect.DefectDetector;
import io.ultraline.defect.ProfileCodec;
import io.ultraline.defect.ProfileConfig;
import io.ultraline.defect.ReferenceProfile;
import io.ultraline.evaluation.LabelledDataset;
import io.ultraline.frame.RgbImage;
import io.ultraline.inspect.FrameInspector;
import io.ultraline.inspect.PaintedSelfCheck;
import io.ultraline.inspect.TransformCalibration;
import io.ultraline.inspect.TransformChoice;
import io.ultraline.inspect.ZoomChoice;
import io.ultraline.model.runtime.ModelRunner;
import io.ultraline.model.runtime.ModelTransform;
import io.ultraline.model.runtime.RunnerOptions;
import io.ultraline.ultra.SegmenterConfig;
import io.ultraline.ultra.UltraSegmenter;
import io.ultraline.ultra.align.ConceptPrototypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ultraline calibrate}: a reference profile from good frames of one camera. */
@Command(
        name = "calibrate",
        mixinStandardHelpOptions = true,
        description = "Build a camera's reference profile (memory bank of normal tokens + threshold) from good frames.")
final class CalibrateCommand implements Callable<Integer> {

    /** Seed of the augmentations W is learned from: fixed, so a calibration is reproducible. */
    static final long TRANSFORM_SEED = 19;

    @Option(names = "--model", required = true, description = "model directory")
    Path model;

    @Option(names = "--images", required = true, description = "directory of good frames, or a glob")
    String images;

    @Option(names = "--out", required = true, description = "profile file to write")
    Path out;

    @Option(names = "--max-bank", defaultValue = "4096", description = "tokens kept by coreset selection")
    int maxBank;

    @Option(names = "--quantile", defaultValue = "0.99", description = "quantile of held-out calibration scores")
    float quantile;

    @Option(names = "--margin", defaultValue = "1.1", description = "factor on that quantile")
    float margin;

    @Option(names = "--threads", defaultValue = "0", description = "TensorFlow intra-op threads (0 = auto)")
    int threads;

    @Option(
            names = "--appearance",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "also calibrate the raw-pixel channel, whose scores are fused with the model's (default: on)")
    boolean appearance;

    @Option(
            names = "--transform",
            defaultValue = "none",
            description =
                    "token transform W for the ULTra maps stored in the profile (issue 19): none, profile (learned"
                            + " on these frames, about 2 s for 20) or model (the model directory's ultraline-transform.bin)"
                            + " (default: none)")
    String transform;

    @Option(
            names = "--save-model-transform",
            description = "with --transform profile: also store the learned W in the"
                    + " model directory, for --transform model")
    boolean saveModelTransform;

    @Option(
            names = "--previous-profile",
            description = "the camera's current profile: the new one keeps the concept ids of its prototypes, as a"
                    + " recalibration on the stream does, so names an operator gave them still hold")
    Path previousProfile;

    @Option(
            names = "--self-check",
            description = "also check the profile without labels: calibrate on the first three quarters of the"
                    + " frames and score the last quarter as they are and with one painted defect of each kind;"
                    + " prints self_check_* (an image AUROC under about 0.93 warns of missed defects)")
    boolean selfCheck;

    @Option(names = "--zoom", defaultValue = "none", description = EvaluateCommand.ZOOM_HELP)
    String zoom;

    @Override
    public Integer call() throws Exception {
        TransformChoice choice = TransformChoice.parse(transform);
        if (saveModelTransform && choice != TransformChoice.PROFILE) {
            throw new IllegalArgumentException("--save-model-transform needs --transform profile");
        }
        List<Path> files = ImageSets.resolve(images);
        List<RgbImage> frames = new ArrayList<>();
        for (Path f : files) {
            frames.add(LabelledDataset.readImage(f));
        }
        ProfileConfig cfg = new ProfileConfig(
                maxBank,
                quantile,
                margin,
                ProfileConfig.defaults().folds(),
                ProfileConfig.defaults().seed(),
                appearance ? AppearanceConfig.defaults() : AppearanceConfig.off());
        try (ModelRunner runner = ModelRunner.load(
                model, RunnerOptions.defaults().withIntraOpThreads(threads).withWarmUp(false))) {
            FrameInspector inspector = FrameInspector.forModel(
                    runner,
                    new UltraSegmenter(SegmenterConfig.defaults()),
                    new DefectDetector(cfg, DefectDetector.defaultRegionFinder()));
            Integer fixed = ZoomChoice.parse(zoom);
            ZoomChoice zoomChoice = fixed == null ? ZoomChoice.choose(inspector, frames) : ZoomChoice.fixed(fixed);
            if (fixed == null) {
                EvaluateCommand.printFigures(System.out, zoomChoice.figures());
            }
            ReferenceProfile p = inspector.calibrate(frames, 1, 8, cfg, zoomChoice.scale());
            if (choice == TransformChoice.PROFILE) {
                long start = System.nanoTime();
                var learned = TransformCalibration.learn(inspector, frames, TRANSFORM_SEED)
                        .transform();
                p = p.withTransform(learned);
                System.out.printf(
                        "learned a %d x %d token transform in %.1f s%n",
                        learned.outDim(), learned.inDim(), (System.nanoTime() - start) / 1e9);
                if (saveModelTransform) {
                    ModelTransform.write(model, learned);
                    System.out.println("wrote " + model.resolve(ModelTransform.FILE_NAME));
                }
            } else if (choice == TransformChoice.MODEL) {
                p = p.withTransform(EvaluateCommand.modelTransform(runner));
            }
            p = withConceptPrototypes(
                    inspector,
                    frames,
                    p,
                    previousProfile == null
                            ? null
                            : ProfileCodec.decode(Files.readAllBytes(previousProfile))
                                    .conceptPrototypes());
            Files.write(out, ProfileCodec.encode(p));
            System.out.printf(
                    "calibrated on %d frames: bank %d tokens of dim %d, threshold %.4f (quantile %.3f x %.2f)%n",
                    p.frameCount(),
                    p.bankSize(),
                    p.tokenDim(),
                    p.threshold(),
                    p.thresholdQuantile(),
                    p.thresholdMargin());
            if (p.zoom() != null) {
                System.out.println("zoom channel: " + p.zoom());
            }
            System.out.println("wrote " + out);
            if (selfCheck) {
                EvaluateCommand.printFigures(
                        System.out, new PaintedSelfCheck(inspector).run(frames, zoomChoice.scale()));
            }
        }
        return 0;
    }

    /**
     * The profile with the camera's concept prototypes, learned through its W and keeping the ids of
     * {@code previous} (null: numbered 0..P-1); without them when none can be learned.
     */
    private static ReferenceProfile withConceptPrototypes(
            FrameInspector inspector, List<RgbImage> frames, ReferenceProfile p, ConceptPrototypes previous) {
        long start = System.nanoTime();
        try {
            ConceptPrototypes prototypes = inspector
                    .conceptPrototypes(frames, 8, ConceptPrototypes.DEFAULT_MAX_DISTANCE, p.transform())
                    .keepingIdsOf(previous);
            System.out.printf(
                    "learned %d concept prototypes in %.1f s, ids %s%n",
                    prototypes.count(), (System.nanoTime() - start) / 1e9, Arrays.toString(prototypes.ids()));
            return p.withConceptPrototypes(prototypes);
        } catch (IllegalArgumentException e) {
            System.out.println("no concept prototypes: " + e.getMessage());
            return p;
        }
    }
}
