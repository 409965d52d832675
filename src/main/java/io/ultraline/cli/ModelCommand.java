package io.ultraline.cli;

import io.ultraline.model.LoadedModel;
import io.ultraline.model.ModelManifest;
import io.ultraline.model.VitImporter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tensorflow.Signature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ultraline model import|info}. */
@Command(name = "model", description = "Import, inspect (and later train) models.",
        subcommands = {ModelCommand.Import.class, ModelCommand.Info.class})
final class ModelCommand {

    @Command(name = "import", mixinStandardHelpOptions = true,
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
        @Option(names = "--licence", description = "licence of the weights",
                defaultValue = "as licensed by the checkpoint's authors")
        String licence;

        @Override
        public Integer call() throws Exception {
            VitImporter.Options d = VitImporter.Options.defaults();
            VitImporter.Options o = new VitImporter.Options(heads, mean != null ? mean : d.mean(),
                    std != null ? std : d.std(), eps, imageSize, targetLayer, name, version, licence);
            ModelManifest m = VitImporter.importFile(file, o, out);
            System.out.println("imported " + m.name() + " " + m.version() + " to " + out);
            System.out.println(m.toJson());
            return 0;
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Print a model's manifest and signatures (the model is loaded and verified).")
    static final class Info implements Callable<Integer> {
        @Parameters(index = "0", description = "model directory")
        Path dir;

        @Override
        public Integer call() {
            try (LoadedModel m = LoadedModel.load(dir)) {
                System.out.println(m.manifest().toJson());
                System.out.println("signatures (weights digest verified):");
                for (String key : new String[] {"serving_default", "ultra"}) {
                    Signature s = m.manifest() != null ? signature(m, key) : null;
                    System.out.println("  " + key);
                    s.getInputs().forEach((n, t) -> System.out.println("    in  " + n + " " + t.dataType + " " + t.shape));
                    s.getOutputs().forEach((n, t) -> System.out.println("    out " + n + " " + t.dataType + " " + t.shape));
                }
            }
            return 0;
        }

        private static Signature signature(LoadedModel m, String key) {
            return key.equals("ultra") ? m.ultra().signature() : m.serving().signature();
        }
    }
}
