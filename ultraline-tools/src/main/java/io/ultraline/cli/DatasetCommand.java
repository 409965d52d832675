package io.ultraline.cli;

import io.ultraline.synth.DatasetOptions;
import io.ultraline.synth.DatasetWriter;
import io.ultraline.synth.FrameGenerator;
import io.ultraline.synth.ImageTexture;
import io.ultraline.synth.MaterialFamily;
import io.ultraline.synth.SceneGenerator;
import io.ultraline.synth.SceneKind;
import io.ultraline.synth.SurfaceImage;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ultraline dataset generate}: synthetic evaluation datasets. */
@Command(
        name = "dataset",
        description = "Synthetic datasets of camera frames with exact defect masks.",
        subcommands = {DatasetCommand.Generate.class})
final class DatasetCommand {

    @Command(
            name = "generate",
            mixinStandardHelpOptions = true,
            description = {
                "Write DIR/calibration/*.png (good frames of one camera) and DIR/test/"
                        + "{images,masks}/*.png with DIR/test/labels.csv (image,mask,label), plus DIR/defects.csv "
                        + "and DIR/dataset.json. Deterministic for a given seed and generator version.",
                "Families: brushed-metal, woven-fabric, wood-grain, circuit-board, tiles, painted, granular.",
                "Real surfaces: --surface FILE tiles a photographed sample under the camera's pose, light and noise.",
                "Scenes: --scenes mosaic|conveyor|tiles makes every frame of 2 to 4 parts of different materials (the"
                        + " families, or several --surface samples) and adds test/parts/*.png (part ids) and a parts"
                        + " column to labels.csv."
            })
    static final class Generate implements Callable<Integer> {
        @Option(names = "--out", required = true, description = "new or empty dataset directory")
        Path out;

        @Option(names = "--seed", defaultValue = "1", description = "dataset seed (default ${DEFAULT-VALUE})")
        long seed;

        @Option(
                names = "--frames",
                defaultValue = "" + DatasetOptions.DEFAULT_FRAMES,
                description = "test frames (default ${DEFAULT-VALUE})")
        int frames;

        @Option(
                names = "--calibration",
                defaultValue = "" + DatasetOptions.DEFAULT_CALIBRATION,
                description = "defect-free calibration frames (default ${DEFAULT-VALUE})")
        int calibration;

        @Option(
                names = "--size",
                defaultValue = "" + DatasetOptions.DEFAULT_SIZE,
                description = "frame side in pixels (default ${DEFAULT-VALUE})")
        int size;

        @Option(names = "--family", defaultValue = "brushed-metal", description = "material (default ${DEFAULT-VALUE})")
        String family;

        @Option(
                names = "--surface",
                description = "a photographed surface sample to look at instead of the family's"
                        + " rendered one: a GIMP pattern (.pat, e.g. /usr/share/gimp/2.0/patterns/Stone/granite1.pat from"
                        + " Debian's gimp-data) or a PNG/JPEG tile; the family still sets how defects are painted. With"
                        + " --scenes, repeat it (2 or more): each sample is one material of the scenes")
        java.util.List<Path> surfaces;

        @Option(
                names = "--scenes",
                description = "frames made of known parts: mosaic, conveyor (a belt carrying"
                        + " parts) or tiles (tiles with grout); writes part-id masks")
        String scenes;

        @Option(
                names = "--scene-materials",
                defaultValue = "4",
                description = "with --scenes and no --surface: how"
                        + " many material families the camera's scenes draw from (default ${DEFAULT-VALUE})")
        int sceneMaterials;

        @Option(
                names = "--moving-surface",
                description = "every frame shows a new piece of the material (a web or"
                        + " parts passing the camera) instead of one piece under small pose changes")
        boolean movingSurface;

        @Option(
                names = "--defect-rate",
                defaultValue = "" + DatasetOptions.DEFAULT_DEFECT_RATE,
                description = "share of defective test frames (default ${DEFAULT-VALUE})")
        double defectRate;

        @Override
        public Integer call() throws Exception {
            System.setProperty("java.awt.headless", "true");
            Path surface = surfaces == null || surfaces.isEmpty() ? null : surfaces.get(0);
            if (scenes == null && surfaces != null && surfaces.size() > 1) {
                throw new picocli.CommandLine.ParameterException(
                        new picocli.CommandLine(this),
                        "several --surface samples make sense only with --scenes (one material each)");
            }
            if (scenes != null && surfaces != null && surfaces.size() < 2) {
                throw new picocli.CommandLine.ParameterException(
                        new picocli.CommandLine(this),
                        "--scenes with --surface needs 2 or more samples, one per material");
            }
            if (scenes == null
                    && movingSurface
                    && surface == null
                    && MaterialFamily.parse(family).patterned()) {
                throw new picocli.CommandLine.ParameterException(
                        new picocli.CommandLine(this),
                        "--moving-surface"
                                + " needs a stochastic material or a --surface sample: a new piece of " + family
                                + " would be a new design (another layout, ink or weave), not the same product moved");
            }
            DatasetOptions o = new DatasetOptions(
                    seed, frames, calibration, size, defectRate, MaterialFamily.parse(family), movingSurface);
            System.out.printf(
                    Locale.ROOT,
                    "generating %s dataset (%s, seed %d, %dx%d): %d calibration, %d test frames%n",
                    o.family().name().toLowerCase(Locale.ROOT),
                    FrameGenerator.GENERATOR_VERSION,
                    seed,
                    size,
                    size,
                    calibration,
                    frames);
            long start = System.nanoTime();
            DatasetWriter writer;
            if (scenes != null) {
                SceneGenerator g = surfaces == null
                        ? SceneGenerator.ofFamilies(SceneKind.parse(scenes), seed, sceneMaterials)
                        : SceneGenerator.ofSamples(SceneKind.parse(scenes), seed, read(surfaces), o.family());
                System.out.println(g.kind().name().toLowerCase(Locale.ROOT) + " scenes of materials (by part id) "
                        + g.materialNames());
                writer = new DatasetWriter(g);
            } else {
                FrameGenerator generator = surface == null
                        ? new FrameGenerator()
                        : new FrameGenerator(new ImageTexture(SurfaceImage.read(surface)));
                if (surface != null) {
                    System.out.println("surface sample: " + generator.surfaceSample() + " (" + surface + ")");
                }
                writer = new DatasetWriter(generator);
            }
            DatasetWriter.Summary s = writer.write(out, o, (part, done, total) -> {
                if (done == total || done % Math.max(1, total / 10) == 0) {
                    System.out.printf(Locale.ROOT, "  %-11s %5d/%d%n", part, done, total);
                }
            });
            System.out.printf(
                    Locale.ROOT,
                    "wrote %s in %.1f s: %d calibration, %d good + %d defective test frames%n",
                    out,
                    (System.nanoTime() - start) / 1e9,
                    s.calibration(),
                    s.good(),
                    s.defective());
            System.out.println("  defects by type: " + s.defectTypes());
            System.out.printf(
                    Locale.ROOT,
                    "  camera: colour %s, texture scale %.2f, light %.0f deg x %.2f, noise %.3f%n",
                    s.camera().baseColour().toHex(),
                    s.camera().textureScale(),
                    s.camera().lightAngleDeg(),
                    s.camera().lightStrength(),
                    s.camera().noiseLevel());
            return 0;
        }

        private static java.util.List<SurfaceImage> read(java.util.List<Path> files) throws java.io.IOException {
            java.util.List<SurfaceImage> out = new java.util.ArrayList<>();
            for (Path f : files) {
                out.add(SurfaceImage.read(f));
            }
            return out;
        }
    }
}
