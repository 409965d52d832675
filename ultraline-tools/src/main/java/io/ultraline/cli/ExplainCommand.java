package io.ultraline.cli;

import io.ultraline.defect.DefectDetector;
import io.ultraline.defect.ProfileCodec;
import io.ultraline.defect.ReferenceProfile;
import io.ultraline.frame.ImageFiles;
import io.ultraline.frame.RgbImage;
import io.ultraline.inspect.FrameInspector;
import io.ultraline.inspect.InspectedFrame;
import io.ultraline.inspect.TransformChoice;
import io.ultraline.model.ModelManifest;
import io.ultraline.model.runtime.ModelRunner;
import io.ultraline.model.runtime.RunnerOptions;
import io.ultraline.ultra.ConceptResolution;
import io.ultraline.ultra.Segmentation;
import io.ultraline.ultra.SegmenterConfig;
import io.ultraline.ultra.UltraSegmenter;
import io.ultraline.ultra.align.ConceptAlignment;
import io.ultraline.ultra.render.GridOverlay;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ultraline explain}: ULTra concepts of one image, or one token's relevance map, as a PNG. */
@Command(
        name = "explain",
        mixinStandardHelpOptions = true,
        description = "Explain one image: concept segments (or one token's relevance) over the frame.")
final class ExplainCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "model directory")
    Path model;

    @Option(names = "--image", required = true, description = "PNG or JPEG of any size")
    Path image;

    @Option(names = "--out", required = true, description = "overlay PNG to write")
    Path out;

    @Option(names = "--token", description = "patch token index: draw its relevance map instead of concepts")
    Integer token;

    @Option(
            names = "--json",
            description = "also write maps, labels and concept count as JSON to this file, or to standard output for -")
    Path json;

    @Mixin
    ConceptStepOptions concepts;

    @Option(
            names = "--concepts",
            description = "at most this many concepts (linkage: a maxclust cut instead of" + " --tau)")
    Integer k;

    @Option(names = "--threads", defaultValue = "0", description = "TensorFlow intra-op threads (0 = auto)")
    int threads;

    @Option(
            names = "--transform",
            defaultValue = "none",
            description = "token transform W for the maps (issue 19): none, model (the model directory's"
                    + " ultraline-transform.bin) or profile (the one in --profile) (default: none)")
    String transform;

    @Option(
            names = "--profile",
            description = "reference profile file (calibrate --out): its W for --transform profile; its concept"
                    + " prototypes, where it has them, name the concepts by the camera's ids, as line.explanations"
                    + " and the dashboard do")
    Path profile;

    /** The W the options ask for, null for none; {@code camera} is the --profile read, null without one. */
    private io.ultraline.ultra.transform.TokenTransform chosenTransform(ModelRunner runner, ReferenceProfile camera) {
        return switch (TransformChoice.parse(transform)) {
            case NONE -> null;
            case MODEL -> EvaluateCommand.modelTransform(runner);
            case PROFILE -> {
                if (camera == null) {
                    throw new IllegalArgumentException("--transform profile needs --profile FILE");
                }
                var w = camera.transform();
                if (w == null) {
                    throw new IllegalArgumentException("profile " + profile + " has no token transform (calibrate it"
                            + " with --transform profile)");
                }
                yield w;
            }
        };
    }

    @Override
    public Integer call() throws Exception {
        BufferedImage frame = ImageFiles.read(image);
        try (ModelRunner runner = ModelRunner.load(
                model, RunnerOptions.defaults().withIntraOpThreads(threads).withWarmUp(false))) {
            int grid = runner.config().gridSize();
            SegmenterConfig cfg = concepts.config(k);
            FrameInspector inspector =
                    FrameInspector.forModel(runner, new UltraSegmenter(cfg), DefectDetector.withDefaults());
            RgbImage rgb = RgbImage.of(frame);
            ReferenceProfile camera =
                    profile == null ? null : ProfileCodec.decode(java.nio.file.Files.readAllBytes(profile));
            InspectedFrame inspected = inspector
                    .inspect(List.of(rgb), null, chosenTransform(runner, camera))
                    .get(0);
            Segmentation seg = inspected.segmentation();
            // as FrameExplanation.conceptIds: -1 for a concept new to the camera; null without prototypes
            int[] cameraIds = inspected.cameraConceptIds(camera == null ? null : camera.conceptPrototypes());
            ConceptResolution resolution = concepts.resolution();
            ModelManifest m = runner.manifest();
            String modelLine = "model " + m.name() + " " + m.version() + "  grid " + grid + "x" + grid;
            BufferedImage picture;
            if (token == null) {
                int[] pixels = resolution.pixelLabels(
                        seg.labels(), grid, grid, rgb.pixels(), frame.getWidth(), frame.getHeight());
                List<String> caption = new java.util.ArrayList<>(List.of(
                        seg.conceptCount() + " concepts (" + cfg.describe() + ", "
                                + resolution
                                        .name()
                                        .toLowerCase(java.util.Locale.ROOT)
                                        .replace('_', ' ') + ")",
                        modelLine));
                if (cameraIds != null) {
                    pixels = ConceptAlignment.colourLabels(pixels, cameraIds); // as the dashboard colours them
                    caption.add(1, "camera concept ids by label: " + Arrays.toString(cameraIds) + " (-1: new)");
                }
                picture = new GridOverlay(frame, grid, grid, 384)
                        .conceptPixels(pixels, frame.getWidth(), frame.getHeight(), 0.45)
                        .withCaption(caption);
            } else {
                if (token < 0 || token >= grid * grid) {
                    throw new IllegalArgumentException("--token must be within 0.." + (grid * grid - 1));
                }
                float[] map = seg.fixedMapOf(token);
                if (map == null) {
                    throw new IllegalArgumentException("token " + token + " has no map of its own (it was no target)");
                }
                float min = Float.MAX_VALUE;
                float max = -Float.MAX_VALUE;
                for (float v : map) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                picture = new GridOverlay(frame, grid, grid, 384)
                        .heatmap(map, min, max, 0.6)
                        .markCell(token, 0x00ff00)
                        .withCaption(List.of(
                                "relevance of token " + token + " (row " + token / grid + ", col " + token % grid
                                        + "), concept " + seg.label(token),
                                modelLine));
            }
            ImageFiles.writePng(picture, out);
            JsonTarget.textStream(json).println("wrote " + out + " (" + seg.conceptCount() + " concepts)");
            if (json != null) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("image", image.toString());
                doc.put("model", Map.of("name", m.name(), "version", m.version(), "digest", m.weightsSha256()));
                doc.put("gridHeight", grid);
                doc.put("gridWidth", grid);
                doc.put("conceptCount", seg.conceptCount());
                doc.put("labels", seg.labels());
                doc.put("conceptIds", cameraIds);
                doc.put("targets", seg.targets());
                doc.put("maps", seg.fixedMaps());
                JsonTarget.write(json, doc);
            }
        }
        return 0;
    }
}
