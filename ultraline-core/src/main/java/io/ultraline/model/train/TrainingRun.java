package io.ultraline.model.train;

import io.ultraline.model.ModelManifest;
import io.ultraline.model.UltraVariant;
import io.ultraline.model.VitConfig;
import io.ultraline.model.export.ModelExporter;
import io.ultraline.synth.FrameGenerator;
import io.ultraline.synth.MaterialFamily;
import io.ultraline.synth.SurfaceImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole training run: builds the synthetic pool, trains for a number of steps or a time budget
 * (whichever ends first) with a {@link BatchFeed} thread augmenting the next batches while TensorFlow
 * works, logs progress, and exports the model with its training record in the manifest.
 */
public final class TrainingRun {

    /** Everything that decides the result; recorded in the manifest. */
    public record Plan(
            VitConfig config,
            List<MaterialFamily> families,
            int camerasPerFamily,
            int framesPerCamera,
            int steps,
            Duration budget,
            int batchSize,
            float learningRate,
            long seed,
            int threads,
            String name,
            String version,
            Path weightsOut,
            List<SurfaceImage> surfaces,
            int camerasPerSurface,
            PasteMode pastes,
            Distillation distillation,
            float textureWeight,
            boolean textureMasked) {

        public Plan {
            if (pastes == null) {
                throw new IllegalArgumentException("a paste mode is required (foreign reproduces the shipped model)");
            }
            if (distillation == null) {
                throw new IllegalArgumentException(
                        "a distillation setting is required (none reproduces the shipped" + " model)");
            }
            TrainingSettings.checkTexture(textureWeight, textureMasked, distillation);
        }

        /** A plan over rendered families only. */
        public Plan(
                VitConfig config,
                List<MaterialFamily> families,
                int camerasPerFamily,
                int framesPerCamera,
                int steps,
                Duration budget,
                int batchSize,
                float learningRate,
                long seed,
                int threads,
                String name,
                String version,
                Path weightsOut) {
            this(
                    config,
                    families,
                    camerasPerFamily,
                    framesPerCamera,
                    steps,
                    budget,
                    batchSize,
                    learningRate,
                    seed,
                    threads,
                    name,
                    version,
                    weightsOut,
                    List.of(),
                    0,
                    PasteMode.FOREIGN,
                    Distillation.none(),
                    0f,
                    false);
        }
    }

    private TrainingRun() {}

    public static ModelManifest run(Plan p, Path out, PrintStream log) throws IOException, InterruptedException {
        long start = System.nanoTime();
        int poolSize = p.config().imageSize() + p.config().imageSize() / 4;
        log.printf(
                "generating %d cameras x %d frames for %s and %d surface samples ...%n",
                p.camerasPerFamily() * p.families().size()
                        + p.camerasPerSurface() * p.surfaces().size(),
                p.framesPerCamera(),
                p.families(),
                p.surfaces().size());
        SyntheticPretextData data = new SyntheticPretextData(
                p.families(),
                p.camerasPerFamily(),
                p.surfaces(),
                p.camerasPerSurface(),
                p.framesPerCamera(),
                poolSize,
                p.config().imageSize(),
                p.config().patchSize(),
                p.seed(),
                p.pastes(),
                n -> {});
        log.printf("pool of %d frames in %.1f s%n", data.poolFrames(), (System.nanoTime() - start) / 1e9);
        List<Map<String, Object>> curve = new ArrayList<>();
        TrainingSettings settings = new TrainingSettings(
                p.batchSize(),
                p.learningRate(),
                data.classes(),
                p.seed(),
                p.threads(),
                p.distillation(),
                p.textureWeight(),
                p.textureMasked());
        boolean distilling = p.distillation().enabled();
        boolean texture = p.textureWeight() > 0;
        long trainStart = System.nanoTime();
        long deadline = trainStart + p.budget().toNanos();
        int step = 0;
        double loss = 0;
        double famAcc = 0;
        double pasteAcc = 0;
        double distillLoss = 0;
        double textureLoss = 0;
        try (BatchFeed feed = new BatchFeed(() -> data.next(p.batchSize()), 4);
                PretextTrainer trainer = new PretextTrainer(p.config(), settings)) {
            int logEvery = 50;
            while (step < p.steps() && System.nanoTime() < deadline) {
                PretextTrainer.Step s = trainer.step(feed.take());
                step++;
                loss += s.loss();
                famAcc += s.familyAccuracy();
                pasteAcc += s.patchAccuracy();
                distillLoss += s.distillLoss();
                textureLoss += s.textureLoss();
                if (step % logEvery == 0) {
                    double secs = (System.nanoTime() - trainStart) / 1e9;
                    log.printf(
                            "step %5d/%d  loss %.3f  family acc %.3f  pasted-patch acc %.3f%s%s  %.1f img/s  %.0f s%n",
                            step,
                            p.steps(),
                            loss / logEvery,
                            famAcc / logEvery,
                            pasteAcc / logEvery,
                            distilling ? String.format("  masked-token loss %.3f", distillLoss / logEvery) : "",
                            texture ? String.format("  texture loss %.3f", textureLoss / logEvery) : "",
                            step * p.batchSize() / secs,
                            secs);
                    Map<String, Object> point = new LinkedHashMap<>();
                    point.put("step", step);
                    point.put("loss", round(loss / logEvery));
                    point.put("familyAccuracy", round(famAcc / logEvery));
                    point.put("pastedPatchAccuracy", round(pasteAcc / logEvery));
                    if (distilling) {
                        point.put("maskedTokenLoss", round(distillLoss / logEvery));
                    }
                    if (texture) {
                        point.put("textureLoss", round(textureLoss / logEvery));
                    }
                    curve.add(point);
                    loss = 0;
                    famAcc = 0;
                    pasteAcc = 0;
                    distillLoss = 0;
                    textureLoss = 0;
                }
            }
            feed.close();
            double trainSeconds = (System.nanoTime() - trainStart) / 1e9;
            Map<String, Object> training = new LinkedHashMap<>();
            training.put("pretext", pretext(p.pastes()));
            training.put("pasteMode", p.pastes().cliName());
            if (distilling) {
                training.put("distillation", distillationRecord(p.distillation()));
            }
            if (texture) {
                training.put("texture", textureRecord(p.textureWeight(), p.textureMasked()));
            }
            training.put("families", p.families().stream().map(Enum::name).toList());
            training.put(
                    "surfaceSamples",
                    p.surfaces().stream().map(SurfaceImage::name).toList());
            training.put("camerasPerSurface", p.camerasPerSurface());
            training.put("camerasPerFamily", p.camerasPerFamily());
            training.put("framesPerCamera", p.framesPerCamera());
            training.put("generatorVersion", FrameGenerator.GENERATOR_VERSION);
            training.put("seed", p.seed());
            training.put("steps", step);
            training.put("batchSize", p.batchSize());
            training.put("learningRate", p.learningRate());
            training.put("optimizer", "Adam (tensorflow-framework 1.1.0)");
            training.put("trainSeconds", Math.round(trainSeconds));
            training.put("curve", curve);
            Map<String, Object> provenance = new LinkedHashMap<>();
            provenance.put("source", "trained by ultraline model train on synthetic camera-line frames");
            provenance.put("trainedWith", "TensorFlow Java 1.1.0");
            io.ultraline.model.weights.VitWeights trained = trainer.weights();
            if (p.weightsOut() != null) {
                // full-depth timm weights: re-export at another target layer with `model import`
                io.ultraline.model.weights.Safetensors.write(
                        p.weightsOut(),
                        trained.asMap(),
                        Map.of("heads", String.valueOf(p.config().heads())));
                if (distilling) {
                    io.ultraline.model.weights.Safetensors.write(
                            teacherPath(p.weightsOut()),
                            trainer.teacherWeights().asMap(),
                            Map.of("heads", String.valueOf(p.config().heads())));
                }
            }
            ModelManifest m = ModelExporter.export(
                            p.config(),
                            trained,
                            new ModelExporter.Identity(p.name(), p.version(), provenance, "Apache-2.0"),
                            out,
                            UltraVariant.FAST)
                    .withTraining(training);
            m.write(out);
            log.printf("trained %d steps in %.0f s; exported to %s%n", step, trainSeconds, out);
            return m;
        }
    }

    private static String pretext(PasteMode pastes) {
        String pasted = pastes == PasteMode.FOREIGN
                ? "content pasted from another frame (CutPaste-style rectangles and scars)"
                : "content pasted from the same frame at another place or from another frame (rectangles, scars at"
                        + " any angle, discs; recoloured, blurred or translucent; only visibly changed pixels count)";
        return "material-family (or surface-sample) classification (mean-pooled final-norm patch tokens) +"
                + " per-patch detection of " + pasted + "; defect-free frames only, the defect injector is never used";
    }

    private static Map<String, Object> distillationRecord(Distillation d) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("objective", d.cliName());
        r.put(
                "recipe",
                "student sees block-masked frames (learned mask token), linear predictor on its final-norm tokens"
                        + " regresses the EMA teacher's per-token-normalised tokens at the target layer on the whole"
                        + " frame, at masked places that were not pasted over; MSE");
        r.put("weight", d.weight());
        r.put("maskRatio", d.maskRatio());
        r.put("maskedImageShare", d.maskedImageShare());
        r.put("teacherMomentum", d.momentum());
        r.put("exported", "student");
        return r;
    }

    private static Map<String, Object> textureRecord(float weight, boolean masked) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put(
                "recipe",
                "linear head on the target layer's per-token-normalised patch tokens regresses each patch's filter-bank"
                        + " statistics (mean absolute response of 16 oriented line and 2 blob detectors on the"
                        + " luminance, mean luminance and opponent colours, luminance spread), standardised per"
                        + " feature over the batch; MSE");
        r.put("weight", weight);
        r.put(
                "targets",
                masked
                        ? "hidden patches only: half of each batch's frames have 40 % of their patches (in rectangles)"
                                + " replaced by a learned mask token"
                        : "every patch of whole frames");
        return r;
    }

    /** Where the EMA teacher's weights go: beside the student's, {@code x.safetensors} to {@code x-teacher.safetensors}. */
    public static Path teacherPath(Path weightsOut) {
        String name = weightsOut.getFileName().toString();
        String stem = name.endsWith(".safetensors") ? name.substring(0, name.length() - ".safetensors".length()) : name;
        return weightsOut.resolveSibling(stem + "-teacher.safetensors");
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
