package io.ultraline.cli;

import io.ultraline.evaluation.LabelledDataset;
import io.ultraline.evaluation.SparseStudy;
import io.ultraline.frame.RgbImage;
import io.ultraline.inspect.FrameInspector;
import io.ultraline.model.runtime.ModelRunner;
import io.ultraline.model.runtime.RunnerOptions;
import io.ultraline.ultra.TargetStrategy;
import io.ultraline.ultra.UltraSegmenter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ultraline bench sparse}: sparse-target segmentation against all targets on a labelled dataset. */
@Command(
        name = "sparse",
        mixinStandardHelpOptions = true,
        description = "ARI of sparse-target against all-target concept labels, concept mIoU against parts, and the "
                + "cost of T maps against all, per target strategy and T (issue 21).")
final class SparseBenchCommand implements Callable<Integer> {

    @Option(names = "--model", defaultValue = "models/line-vit")
    Path model;

    @Option(names = "--dataset", required = true, description = "dataset directory (see dataset generate)")
    Path dataset;

    @Option(names = "--targets", split = ",", defaultValue = "4,8,16,32", description = "numbers of targets T")
    int[] targets;

    @Option(
            names = "--strategies",
            split = ",",
            defaultValue = "representatives,anomalous",
            converter = StrategyConverter.class)
    List<TargetStrategy> strategies;

    @Mixin
    ConceptStepOptions concepts;

    @Option(names = "--batch", defaultValue = "4")
    int batch;

    @Option(names = "--random-baseline", description = "also rows with T targets drawn at random")
    boolean randomBaseline;

    @Option(
            names = "--dump",
            description = "write every test frame's maps, tokens, token scores, all-target "
                    + "labels and part ids as JSON lines to this file, for offline study")
    Path dump;

    @Option(names = "--timing-frames", defaultValue = "8", description = "frames the cost is timed on (0 = no timing)")
    int timingFrames;

    static final class StrategyConverter implements picocli.CommandLine.ITypeConverter<TargetStrategy> {
        @Override
        public TargetStrategy convert(String value) {
            return TargetStrategy.parse(value);
        }
    }

    @Override
    public Integer call() throws Exception {
        LabelledDataset data = LabelledDataset.open(dataset);
        try (ModelRunner runner = ModelRunner.load(model, RunnerOptions.defaults())) {
            UltraSegmenter segmenter = new UltraSegmenter(concepts.config(null));
            FrameInspector standard = FrameInspector.standard(runner, FrameInspector.DEFAULT_MAX_RECORD_BYTES);
            FrameInspector inspector = FrameInspector.forModel(runner, segmenter, standard.detector());
            int n = runner.config().numPatches();
            System.out.printf(
                    "dataset %s, model %s, N = %d, concepts %s%n",
                    dataset, model, n, segmenter.config().describe());
            System.out.printf("%-16s %4s %10s %8s %9s%n", "strategy", "T", "ari_vs_all", "miou", "concepts");
            SparseStudy study = new SparseStudy(inspector, segmenter, batch);
            if (randomBaseline) {
                study.withRandomBaseline();
            }
            java.io.Writer out = dump == null ? null : java.nio.file.Files.newBufferedWriter(dump);
            if (out != null) {
                com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
                study.withSink((f, parts) -> {
                    java.util.Map<String, Object> doc = new java.util.LinkedHashMap<>();
                    doc.put("width", f.width());
                    doc.put("height", f.height());
                    doc.put("grid", f.segmentation().gridHeight());
                    doc.put("dim", f.modelOutput().dim());
                    doc.put("tokens", f.modelOutput().tokens());
                    doc.put("maps", f.modelOutput().maps());
                    doc.put("scores", f.assessment().tokenScores());
                    doc.put("labels", f.segmentation().labels());
                    doc.put("parts", parts);
                    out.write(json.writeValueAsString(doc));
                    out.write('\n');
                });
            }
            List<SparseStudy.Row> rows = study.run(data, targets, strategies);
            if (out != null) {
                out.close();
            }
            for (SparseStudy.Row r : rows) {
                System.out.printf(
                        "%-16s %4d %10.3f %8.3f %9.2f%n",
                        r.strategy(), r.targets() == 0 ? n : r.targets(), r.ariVsAll(), r.miou(), r.concepts());
            }
            if (timingFrames > 0) {
                timing(runner, inspector, data, n);
            }
        }
        return 0;
    }

    /** Cost of T maps against all N, one frame per call, representative targets of each frame's own tokens. */
    private void timing(ModelRunner runner, FrameInspector inspector, LabelledDataset data, int n) throws Exception {
        List<float[]> frames = new ArrayList<>();
        for (LabelledDataset.TestFrame t :
                data.test().subList(0, Math.min(timingFrames, data.test().size()))) {
            RgbImage img = LabelledDataset.readImage(t.imagePath());
            frames.add(inspector.modelInput(img));
        }
        double all = SparseStudy.explainSeconds(runner, frames, null, 3);
        System.out.printf("explain, all %d maps: %.2f ms a frame%n", n, all * 1e3);
        for (int t : targets) {
            if (t >= n) {
                continue;
            }
            List<int[]> chosen = new ArrayList<>(frames.size());
            for (float[] f : frames) {
                float[] tokens = runner.tokens(f, 1).get(0).tokens();
                chosen.add(TargetStrategy.REPRESENTATIVES.choose(
                        tokens, n, runner.config().dim(), t, null));
            }
            double s = SparseStudy.explainSeconds(runner, frames, chosen, 3);
            System.out.printf("explain, T = %d: %.2f ms a frame, %.3f of all%n", t, s * 1e3, s / all);
        }
    }
}
