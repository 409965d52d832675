package io.ultraline.stream;

import io.ultraline.defect.FrameAssessment;
import io.ultraline.defect.ReferenceProfile;
import io.ultraline.evaluation.LabelledDataset;
import io.ultraline.frame.RgbImage;
import io.ultraline.inspect.FrameInspector;
import io.ultraline.inspect.InspectedFrame;
import io.ultraline.inspect.TransformChoice;
import io.ultraline.model.runtime.ModelRunner;
import io.ultraline.model.runtime.RunnerOptions;
import io.ultraline.ultra.MaskUpsampling;
import io.ultraline.ultra.eval.SegmentationScores;
import io.ultraline.ultra.transform.TokenTransform;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Issue 19 in the service, measured through its own code rather than the command line's: a
 * camera's calibration frames go through the first stage as the inference node collects them
 * (batches of 8), {@link CalibrationControl#build} makes the profile with and without W (timed),
 * and each test frame's second-stage maps (all N targets, and T = 16 by the default strategy) go
 * through {@link ModelStep#explain} with the profile's W or none; concept mIoU against the parts.
 *
 * <p>{@code java -cp "$(dev/test-classpath.sh ultraline-tools)" io.ultraline.stream.ServiceTransformStudy DATASET MODEL} (a scenes set with
 * part ids, e.g. from {@code ultraline dataset generate --scenes mosaic}).
 */
public final class ServiceTransformStudy {

    private ServiceTransformStudy() {}

    public static void main(String[] args) throws Exception {
        LabelledDataset set = LabelledDataset.open(Path.of(args[0]));
        try (ModelRunner runner = ModelRunner.load(Path.of(args[1]), RunnerOptions.defaults())) {
            ModelStep step = ModelStep.of(FrameInspector.standard(runner, FrameInspector.DEFAULT_MAX_RECORD_BYTES));
            List<CalibrationFrame> collected = new ArrayList<>();
            List<RgbImage> batch = new ArrayList<>();
            for (Path p : set.calibration()) {
                batch.add(LabelledDataset.readImage(p));
                if (batch.size() == 8) {
                    step.scan(batch).forEach(f -> collected.add(CalibrationFrame.of(f)));
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                step.scan(batch).forEach(f -> collected.add(CalibrationFrame.of(f)));
            }
            // one untimed build first: the JIT and the model's sessions warm up
            CalibrationControl.build(step, collected, 1, Instant.EPOCH, TransformChoice.NONE, null, 1);
            ReferenceProfile plain = timedBuild(step, collected, TransformChoice.NONE);
            ReferenceProfile withW = timedBuild(step, collected, TransformChoice.PROFILE);
            TargetChoice sparse = new TargetChoice(ExplainConfig.defaults().withMode(ExplanationsMode.SAMPLED));
            double[] sums = new double[4];
            int frames = 0;
            for (LabelledDataset.TestFrame t : set.test()) {
                if (t.partsPath() == null) {
                    continue;
                }
                RgbImage image = LabelledDataset.readImage(t.imagePath());
                InspectedFrame scanned = step.scan(List.of(image)).get(0);
                int[] truth = LabelledDataset.readParts(t.partsPath(), image.width(), image.height());
                FrameAssessment first = step.score(withW, scanned, image.width(), image.height());
                int[] chosen = sparse.targets(scanned, first);
                sums[0] += miou(step, scanned, null, null, truth);
                sums[1] += miou(step, scanned, null, withW.transform(), truth);
                sums[2] += miou(step, scanned, chosen, null, truth);
                sums[3] += miou(step, scanned, chosen, withW.transform(), truth);
                frames++;
            }
            System.out.printf(
                    "%d calibration frames, %d test frames; concept mIoU all targets without / with W: %.3f / %.3f;"
                            + " T = %d (anomalous) without / with W: %.3f / %.3f; W %d x %d, profile W %s%n",
                    collected.size(),
                    frames,
                    sums[0] / frames,
                    sums[1] / frames,
                    ExplainConfig.defaults().targets(),
                    sums[2] / frames,
                    sums[3] / frames,
                    withW.transform().outDim(),
                    withW.transform().inDim(),
                    plain.transform() == null ? "absent without" : "present without (wrong)");
        }
    }

    private static ReferenceProfile timedBuild(ModelStep step, List<CalibrationFrame> frames, TransformChoice choice) {
        long start = System.nanoTime();
        ReferenceProfile p = CalibrationControl.build(step, frames, 1, Instant.EPOCH, choice, null, 1);
        System.out.printf(
                "profile build, calibration.concept-transform=%s: %.2f s%n",
                choice.name().toLowerCase(java.util.Locale.ROOT), (System.nanoTime() - start) / 1e9);
        return p;
    }

    private static double miou(ModelStep step, InspectedFrame scanned, int[] targets, TokenTransform w, int[] truth) {
        InspectedFrame f = step.explain(List.of(scanned), Arrays.asList(new int[][] {targets}), Arrays.asList(w))
                .get(0);
        var s = f.segmentation();
        int[] labels = MaskUpsampling.upsample(s.labels(), s.gridHeight(), s.gridWidth(), f.width(), f.height());
        return SegmentationScores.of(labels, truth).miou();
    }
}
