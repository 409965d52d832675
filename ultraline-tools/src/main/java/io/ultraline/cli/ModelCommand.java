package io.ultraline.cli;

import io.ultraline.model.ModelManifest;
import io.ultraline.model.UltraVariant;
import io.ultraline.model.export.ModelRebuilder;
import io.ultraline.model.export.VitImporter;
import io.ultraline.model.runtime.LoadedModel;
import io.ultraline.model.runtime.SignatureSummary;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ultraline model import|info|train|rebuild}. */
@Command(
        name = "model",
        description = "Import, train and inspect models.",
        subcommands = {
            ModelCommand.Import.class,
            ModelCommand.Info.class,
            ModelCommand.Train.class,
            ModelCommand.Rebuild.class
        })
final class ModelCommand {

    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            description = "Import a timm/DINO/DeiT ViT from .safetensors into an ultraline SavedModel.")
    static final class Import implements Callable<Integer> {
        @Option(names = "--safetensors", required = true, description = "checkpoint file (F32, F16 or BF16)")
        Path file;

        @Option(names = "--out", required = true, description = "new model directory")
        Path out;

        @Option(names = "--heads", description = "attention heads (cannot be inferred from shapes)")
        int heads;

        @Option(names = "--mean", split = ",", description = "normalisation mean R,G,B (default 0.5,0.5,0.5)")
        float[] mean;

        @Option(names = "--std", split = ",", description = "normalisation std R,G,B (default 0.5,0.5,0.5)")
        float[] std;

        @Option(names = "--eps", description = "LayerNorm epsilon (default 1e-6)", defaultValue = "1e-6")
        float eps;

        @Option(names = "--image-size", description = "run size in pixels (default: the checkpoint's)")
        int imageSize;

        @Option(names = "--target-layer", description = "block to explain, 1..depth (default: last)")
        int targetLayer;

        @Option(names = "--name", description = "model name (default: file name)")
        String name;

        @Option(names = "--model-version", description = "model version", defaultValue = "1")
        String version;

        @Option(
                names = "--licence",
                description = "licence of the weights",
                defaultValue = "as licensed by the checkpoint's authors")
        String licence;

        @Override
        public Integer call() throws Exception {
            VitImporter.Options d = VitImporter.Options.defaults();
            VitImporter.Options o = new VitImporter.Options(
                    heads,
                    mean != null ? mean : d.mean(),
                    std != null ? std : d.std(),
                    eps,
                    imageSize,
                    targetLayer,
                    name,
                    version,
                    licence);
            ModelManifest m = VitImporter.importFile(file, o, out);
            System.out.println("imported " + m.name() + " " + m.version() + " to " + out);
            System.out.println(m.toJson());
            return 0;
        }
    }

    @Command(
            name = "info",
            mixinStandardHelpOptions = true,
            description = "Print a model's manifest and signatures (the model is loaded and verified).")
    static final class Info implements Callable<Integer> {
        @Parameters(index = "0", description = "model directory")
        Path dir;

        @Override
        public Integer call() {
            try (LoadedModel m = LoadedModel.load(dir)) {
                System.out.println(m.manifest().toJson());
                System.out.println("signatures (weights digest verified):");
                for (SignatureSummary s : m.signatures()) {
                    System.out.println("  " + s.key());
                    s.inputs().forEach(in -> System.out.println("    in  " + in));
                    s.outputs().forEach(out -> System.out.println("    out " + out));
                }
            }
            return 0;
        }
    }

    @Command(
            name = "rebuild",
            mixinStandardHelpOptions = true,
            description = "Rewrite a model's graphs with this version's code, keeping its weights and manifest.")
    static final class Rebuild implements Callable<Integer> {
        @Parameters(index = "0", description = "model directory (rewritten in place)")
        Path dir;

        @Option(names = "--variant", defaultValue = "fast", description = "ultra signature: fast or replicated")
        String variant;

        @Override
        public Integer call() {
            ModelManifest m = ModelRebuilder.rebuild(dir, UltraVariant.fromManifest(variant));
            System.out.println("rebuilt " + dir + ": " + m.name() + " " + m.version() + ", ultra " + m.ultraVariant()
                    + ", weights " + m.weightsSha256());
            return 0;
        }
    }

    @Command(
            name = "train",
            mixinStandardHelpOptions = true,
            description = "Train a small ViT on label-free pretext tasks over synthetic defect-free frames.")
    static final class Train implements Callable<Integer> {
        @Option(names = "--out", required = true, description = "new model directory")
        Path out;

        @Option(names = "--image-size", defaultValue = "128")
        int imageSize;

        @Option(names = "--patch", defaultValue = "16")
        int patch;

        @Option(names = "--dim", defaultValue = "96")
        int dim;

        @Option(names = "--depth", defaultValue = "6")
        int depth;

        @Option(names = "--heads", defaultValue = "3")
        int heads;

        @Option(names = "--target-layer", description = "block whose tokens are explained (default: last)")
        int targetLayer;

        @Option(
                names = "--holdout",
                defaultValue = "wood-grain,terrazzo",
                split = ",",
                description = "material families kept out of training (for the unseen-family evaluation); 'none'"
                        + " keeps all")
        java.util.List<String> holdout;

        @Option(
                names = "--surfaces",
                description = "a folder of photographed surface samples (GIMP .pat, PNG, JPEG;"
                        + " searched recursively, e.g. /usr/share/gimp/2.0/patterns) to train on as well")
        Path surfaces;

        @Option(
                names = "--holdout-surfaces",
                split = ",",
                description = "sample names (file names without extension)"
                        + " kept out of training, for the unseen-surface evaluation")
        java.util.List<String> holdoutSurfaces = new java.util.ArrayList<>();

        @Option(names = "--cameras-per-surface", defaultValue = "8")
        int camerasPerSurface;

        @Option(
                names = "--scoring-shifts",
                defaultValue = "2",
                description = "shifted token grids per axis that"
                        + " defect scoring uses with the model (recorded in its manifest; 1 = the plain grid)")
        int scoringShifts;

        @Option(names = "--cameras-per-family", defaultValue = "40")
        int cameras;

        @Option(names = "--frames-per-camera", defaultValue = "6")
        int frames;

        @Option(names = "--steps", defaultValue = "6000")
        int steps;

        @Option(names = "--minutes", defaultValue = "25", description = "training time budget")
        double minutes;

        @Option(names = "--batch", defaultValue = "32")
        int batch;

        @Option(names = "--lr", defaultValue = "5e-4")
        float lr;

        @Option(names = "--seed", defaultValue = "1")
        long seed;

        @Option(names = "--threads", defaultValue = "2", description = "TensorFlow intra-op threads")
        int threads;

        @Option(names = "--name", defaultValue = "line-vit")
        String name;

        @Option(names = "--model-version", defaultValue = "1.0.0")
        String version;

        @Option(names = "--weights-out", description = "also write the full-depth weights as .safetensors")
        Path weightsOut;

        @Option(
                names = "--paste",
                defaultValue = "foreign",
                description = "pasted-patch pretext: foreign (rectangles and scars from another frame, the shipped"
                        + " model's) or mixed (also from the same frame at another place; rectangles, scars at any"
                        + " angle, discs; recoloured, blurred or translucent)")
        String paste;

        @Option(
                names = "--distill",
                defaultValue = "none",
                description = "self-distillation objective: none (the shipped model's recipe) or masked-tokens"
                        + " (block-masked student predicts an EMA teacher's target-layer tokens; with --weights-out"
                        + " the teacher's weights go beside them as NAME-teacher.safetensors)")
        String distill;

        @Option(
                names = "--distill-weight",
                defaultValue = "1.0",
                description = "weight of the masked-token loss against the two pretext losses")
        float distillWeight;

        @Option(
                names = "--texture-weight",
                defaultValue = "0",
                description = "weight of the texture-statistics loss (the target layer's tokens regress their"
                        + " patch's filter-bank statistics; pass the --target-layer you will export); 0, the shipped"
                        + " model's recipe, leaves it out")
        float textureWeight;

        @Option(
                names = "--texture-masked",
                description = "with --texture-weight: regress the statistics of hidden patches only, in half of"
                        + " each batch's frames with 40 %% of their patches masked (MaskFeat's form)")
        boolean textureMasked;

        @Override
        public Integer call() throws Exception {
            java.util.List<io.ultraline.synth.MaterialFamily> families =
                    new java.util.ArrayList<>(java.util.List.of(io.ultraline.synth.MaterialFamily.values()));
            for (String h : holdout) {
                if (!h.equals("none")) {
                    families.remove(io.ultraline.synth.MaterialFamily.parse(h));
                }
            }
            java.util.List<io.ultraline.synth.SurfaceImage> samples = surfaces == null
                    ? java.util.List.of()
                    : io.ultraline.synth.SurfaceSamples.read(surfaces, holdoutSurfaces);
            io.ultraline.model.VitConfig c = io.ultraline.model.VitConfig.timmStyle(
                    imageSize, patch, dim, depth, heads, targetLayer > 0 ? targetLayer : depth);
            io.ultraline.model.ModelManifest m = io.ultraline.model.train.TrainingRun.run(
                    new io.ultraline.model.train.TrainingRun.Plan(
                            c,
                            families,
                            cameras,
                            frames,
                            steps,
                            java.time.Duration.ofMillis((long) (minutes * 60_000)),
                            batch,
                            lr,
                            seed,
                            threads,
                            name,
                            version,
                            weightsOut,
                            samples,
                            camerasPerSurface,
                            io.ultraline.model.train.PasteMode.parse(paste),
                            io.ultraline.model.train.Distillation.parse(distill, distillWeight),
                            textureWeight,
                            textureMasked),
                    out,
                    System.out);
            m.withScoringShifts(scoringShifts).write(out);
            return 0;
        }
    }
}
