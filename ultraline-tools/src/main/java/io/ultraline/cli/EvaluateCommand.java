package io.ultraline.cli;

import io.ultraline.defect.AppearanceConfig;
import io.ultraline.defect.DefectDetector;
import io.ultraline.defect.ProfileConfig;
import io.ultraline.defect.RegionConfig;
import io.ultraline.evaluation.DatasetEvaluation;
import io.ultraline.evaluation.FrameScoreTable;
import io.ultraline.evaluation.LabelledDataset;
import io.ultraline.inspect.FrameInspector;
import io.ultraline.inspect.TransformChoice;
import io.ultraline.inspect.ZoomChoice;
import io.ultraline.model.ModelManifest;
import io.ultraline.model.runtime.ModelRunner;
import io.ultraline.model.runtime.ModelTransform;
import io.ultraline.model.runtime.RunnerOptions;
import io.ultraline.ultra.UltraSegmenter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ultraline evaluate}: calibrate on a dataset's good frames, score its test frames, print metrics. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = "Detection quality on a labelled dataset (image/pixel AUROC, region IoU, precision, recall)"
                + " with and without ULTra concepts, beside the raw-pixel kNN baseline. With part ids (dataset"
                + " generate --scenes) also concept mIoU, pixel accuracy, ARI, id consistency (ids aligned to prototypes"
                + " learned on the calibration frames) and k-means anchors.")
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "model directory")
    Path model;

    @Option(names = "--dataset", required = true, description = "dataset directory (see dataset generate)")
    Path dataset;

    @Option(names = "--json", description = "write the metrics as JSON to this file, or to standard output for -")
    Path json;

    @Mixin
    ConceptStepOptions concepts;

    @Option(
            names = "--frames-csv",
            description = "also write one CSV row per test frame: truth, defect types, frame score, threshold,"
                    + " verdict and the token channel's own score and threshold")
    Path framesCsv;

    @Option(names = "--batch", defaultValue = "4", description = "frames per model call")
    int batch;

    @Option(
            names = "--regions",
            defaultValue = "threshold",
            description = "region rule: threshold (connected token cells above the threshold, the service's"
                    + " default), growth (cores by score, grown within their ULTra concepts) or hysteresis (seeds"
                    + " grown within one concept)")
    String regionRule;

    @Option(names = "--low-factor", description = "region growing: neighbours above this share of the threshold")
    Float lowFactor;

    @Option(
            names = "--max-concept-fraction",
            description =
                    "a seed's whole concept component becomes the region when smaller than this share of the grid")
    Float maxConceptFraction;

    @Option(
            names = "--shifts",
            description = "shifted token grids per axis for scoring (default: the model's"
                    + " manifest, scoringShifts; 1 = the plain grid)")
    Integer shifts;

    @Option(
            names = "--threshold-quantile",
            description = "calibration: quantile of the held-out frame scores the"
                    + " threshold starts from (default: the profile default)")
    Float thresholdQuantile;

    @Option(
            names = "--threshold-margin",
            description = "calibration: factor on that quantile (default: the profile" + " default)")
    Float thresholdMargin;

    @Option(names = "--bank-size", description = "calibration: most tokens the memory bank keeps")
    Integer bankSize;

    @Option(
            names = "--appearance",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "calibrate the profile's raw-pixel channel and fuse its scores with the model's, as the"
                    + " service does (default: on)")
    boolean appearance;

    @Option(names = "--appearance-patches", description = "raw-pixel channel: most patches its bank keeps")
    Integer appearancePatches;

    @Option(names = "--appearance-components", description = "raw-pixel channel: principal axes per patch")
    Integer appearanceComponents;

    @Option(
            names = "--max-record-bytes",
            defaultValue = "1000000",
            description = "fit the profile's banks in"
                    + " records of this size, as the service does with outputs.max-record-bytes (default: 1000000);"
                    + " --bank-size overrides the token bank")
    int maxRecordBytes;

    @Option(names = "--threads", defaultValue = "0", description = "TensorFlow intra-op threads (0 = auto)")
    int threads;

    @Option(
            names = "--compare-low-factors",
            split = ",",
            description = "also report region_iou of the growth rule at these low factors (same pass)")
    float[] compareLowFactors;

    @Option(
            names = "--pixel-baseline",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "also score the raw-pixel kNN baseline (8x8 RGB patches, stride 4) on the same frames:"
                    + " baseline_pixels_* (default: on)")
    boolean pixelBaseline;

    @Option(
            names = "--self-check",
            description = "also check the profile without labels: calibrate on the first three quarters of the"
                    + " calibration frames and score the last quarter as they are and with one painted defect of"
                    + " each kind: self_check_* (default: off; it calibrates a second time)")
    boolean selfCheck;

    @Option(names = "--zoom", defaultValue = "none", description = ZOOM_HELP)
    String zoom;

    /** {@code --zoom}'s help, shared with {@code calibrate}, which takes the same values. */
    static final String ZOOM_HELP = "zoom channel of the profile: none, 2 or 3 (the frame enlarged that many times,"
            + " cut into model-sized tiles, 4 or 9 more forward passes a frame), or auto (chosen by the painted"
            + " self-check, four rounds at each scale: twelve more calibrations, minutes)"
            + " (default: ${DEFAULT-VALUE})";

    @Option(
            names = "--transform",
            defaultValue = "none",
            description = "token transform W for the ULTra maps (issue 19): none, model (the model directory's "
                    + "ultraline-transform.bin) or profile (learned on the calibration frames, as calibrate does); "
                    + "with one, the concept figures get _without_transform twins (default: none)")
    String transform;

    @Option(
            names = "--record-as",
            description = "also record the metrics in the model's manifest: 'primary' at the"
                    + " top of its evaluation section, any other name as a nested entry")
    String recordAs;

    /** Evaluation figures belong to the model: the digest covers weights only, so the manifest can take them. */
    private void record(ModelManifest manifest, Map<String, Object> doc) throws java.io.IOException {
        Map<String, Object> evaluation =
                new LinkedHashMap<>(manifest.evaluation() == null ? Map.of() : manifest.evaluation());
        if (recordAs.equals("primary")) {
            evaluation.putAll(doc);
        } else {
            evaluation.put(recordAs, doc);
        }
        manifest.withEvaluation(evaluation).write(model);
        JsonTarget.textStream(json)
                .println("recorded as '" + recordAs + "' in " + model.resolve(ModelManifest.FILE_NAME));
    }

    private ProfileConfig profileConfig(int tokenDim) {
        ProfileConfig d = ProfileConfig.defaults();
        AppearanceConfig a = AppearanceConfig.defaults();
        AppearanceConfig pixels = !appearance
                ? AppearanceConfig.off()
                : new AppearanceConfig(
                        appearancePatches != null ? appearancePatches : a.maxPatches(),
                        appearanceComponents != null ? appearanceComponents : a.components());
        ProfileConfig fitted = new ProfileConfig(
                        d.maxBankSize(),
                        thresholdQuantile != null ? thresholdQuantile : d.quantile(),
                        thresholdMargin != null ? thresholdMargin : d.margin(),
                        d.folds(),
                        d.seed(),
                        pixels)
                .withBankFitting(maxRecordBytes, tokenDim);
        return bankSize == null
                ? fitted
                : new ProfileConfig(
                        bankSize,
                        fitted.quantile(),
                        fitted.margin(),
                        fitted.folds(),
                        fitted.seed(),
                        fitted.appearance());
    }

    private io.ultraline.defect.RegionFinder regionFinder(RegionConfig regions) {
        return switch (regionRule) {
            case "threshold" -> DefectDetector.defaultRegionFinder();
            case "growth" -> new io.ultraline.defect.ConceptGrowthRegions(regions);
            case "hysteresis" -> new io.ultraline.defect.ConceptHysteresisRegions(regions);
            default ->
                throw new picocli.CommandLine.ParameterException(
                        new picocli.CommandLine(this),
                        "--regions must be threshold, growth or hysteresis, not " + regionRule);
        };
    }

    /** The model's W; its absence is a usage error that says how to get one. */
    static io.ultraline.ultra.transform.TokenTransform modelTransform(ModelRunner runner) {
        var w = runner.storedTransform();
        if (w == null) {
            throw new IllegalArgumentException("--transform model: " + runner.directory() + " has no "
                    + ModelTransform.FILE_NAME + " (learn one with `ultraline calibrate --transform profile"
                    + " --save-model-transform`)");
        }
        return w;
    }

    @Override
    public Integer call() throws Exception {
        LabelledDataset data = LabelledDataset.open(dataset);
        Path csvFolder = framesCsv == null ? null : framesCsv.toAbsolutePath().getParent();
        if (csvFolder != null && !java.nio.file.Files.isDirectory(csvFolder)) {
            // said before the minutes of scoring, not after them
            throw new picocli.CommandLine.ParameterException(
                    new picocli.CommandLine(this), "--frames-csv: no directory " + csvFolder);
        }
        try (ModelRunner runner =
                ModelRunner.load(model, RunnerOptions.defaults().withIntraOpThreads(threads))) {
            RegionConfig rd = RegionConfig.defaults();
            RegionConfig regions = new RegionConfig(
                    lowFactor != null ? lowFactor : rd.lowFactor(),
                    maxConceptFraction != null ? maxConceptFraction : rd.maxConceptFraction());
            int scoringShifts = shifts != null ? shifts : runner.manifest().shifts();
            FrameInspector inspector = new FrameInspector(
                    runner,
                    new UltraSegmenter(concepts.config(null)),
                    new DefectDetector(profileConfig(runner.config().dim()), regionFinder(regions)),
                    scoringShifts);
            System.err.printf(
                    "calibrating on %d frames, scoring %d ...%n",
                    data.calibration().size(), data.test().size());
            ProgressBar bar = ProgressBar.onStderr("evaluate");
            Map<String, io.ultraline.defect.RegionFinder> variants = new LinkedHashMap<>();
            if (compareLowFactors != null) {
                for (float f : compareLowFactors) {
                    variants.put(
                            "growth-" + f,
                            new io.ultraline.defect.ConceptGrowthRegions(
                                    new RegionConfig(f, regions.maxConceptFraction())));
                    variants.put(
                            "hysteresis-" + f,
                            new io.ultraline.defect.ConceptHysteresisRegions(
                                    new RegionConfig(f, regions.maxConceptFraction())));
                }
            }
            TransformChoice choice = TransformChoice.parse(transform);
            FrameScoreTable frames = new FrameScoreTable();
            Map<String, Object> metrics = new DatasetEvaluation(inspector, batch, variants, pixelBaseline)
                    .withTransform(choice, choice == TransformChoice.MODEL ? modelTransform(runner) : null)
                    .withConceptResolution(concepts.resolution())
                    .withFrameScores(framesCsv == null ? null : frames)
                    .withSelfCheck(selfCheck)
                    .withZoom(ZoomChoice.parse(zoom))
                    .run(data, bar::update);
            if (framesCsv != null) {
                frames.write(framesCsv);
            }
            Map<String, Object> doc = new LinkedHashMap<>(metrics);
            doc.put("model", runner.manifest().name() + " " + runner.manifest().version());
            doc.put("model_digest", runner.manifest().weightsSha256());
            doc.put("dataset", dataset.toString());
            doc.put("clustering", concepts.config(null).describe());
            doc.put("tau", concepts.tau);
            doc.put("scoring_shifts", scoringShifts);
            ProfileConfig used = inspector.detector().profileConfig();
            doc.put("threshold_quantile", used.quantile());
            doc.put("threshold_margin", used.margin());
            doc.put("bank_size_max", used.maxBankSize());
            doc.put("appearance_patches_max", used.appearance().maxPatches());
            doc.put("appearance_components", used.appearance().components());
            doc.put("region_rule", regionRule);
            doc.put("region_low_factor", regions.lowFactor());
            doc.put("region_max_concept_fraction", regions.maxConceptFraction());
            printFigures(JsonTarget.textStream(json), metrics);
            if (json != null) {
                JsonTarget.write(json, doc);
            }
            if (recordAs != null) {
                record(runner.manifest(), doc);
            }
        }
        return 0;
    }

    /** One figure a line, name then value, doubles to four places: what evaluate and calibrate print. */
    static void printFigures(PrintStream out, Map<String, Object> figures) {
        figures.forEach((k, v) ->
                out.printf("%-28s %s%n", k, v instanceof Double d ? String.format("%.4f", d) : String.valueOf(v)));
    }
}
