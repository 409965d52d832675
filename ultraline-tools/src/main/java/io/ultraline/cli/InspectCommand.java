package io.ultraline.cli;

import io.ultraline.defect.DefectDetector;
import io.ultraline.defect.DefectRegionResult;
import io.ultraline.defect.FrameAssessment;
import io.ultraline.defect.ProfileCodec;
import io.ultraline.defect.ProfileConfig;
import io.ultraline.defect.ReferenceProfile;
import io.ultraline.frame.ImageFiles;
import io.ultraline.frame.RgbImage;
import io.ultraline.inspect.AssessmentOverlay;
import io.ultraline.inspect.FrameInspector;
import io.ultraline.inspect.InspectedFrame;
import io.ultraline.model.ModelManifest;
import io.ultraline.model.runtime.ModelRunner;
import io.ultraline.model.runtime.RunnerOptions;
import io.ultraline.ultra.UltraSegmenter;
import io.ultraline.ultra.render.GridOverlay;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ultraline inspect}: score one frame against a profile and draw its defects. */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description = "Score one frame against a camera profile: overlay PNG with defect outlines and a score heatmap.")
final class InspectCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "model directory")
    Path model;

    @Option(names = "--profile", required = true, description = "profile file from calibrate")
    Path profileFile;

    @Option(names = "--image", required = true, description = "PNG or JPEG frame")
    Path image;

    @Option(names = "--out", required = true, description = "overlay PNG to write")
    Path out;

    @Option(
            names = "--json",
            description = "also write scores and regions as JSON to this file, or to standard output for -")
    Path json;

    @Option(names = "--threshold", description = "override the profile's threshold")
    Float threshold;

    @Mixin
    ConceptStepOptions concepts;

    @Option(names = "--threads", defaultValue = "0", description = "TensorFlow intra-op threads (0 = auto)")
    int threads;

    @Override
    public Integer call() throws Exception {
        ReferenceProfile profile = ProfileCodec.decode(Files.readAllBytes(profileFile));
        if (threshold != null) {
            profile = profile.withThreshold(threshold);
        }
        BufferedImage frame = ImageFiles.read(image);
        try (ModelRunner runner = ModelRunner.load(
                model, RunnerOptions.defaults().withIntraOpThreads(threads).withWarmUp(false))) {
            if (runner.config().dim() != profile.tokenDim()) {
                throw new IllegalArgumentException("profile " + profileFile + " holds tokens of dim "
                        + profile.tokenDim() + " but the model's are "
                        + runner.config().dim()
                        + ": calibrate with this model");
            }
            FrameInspector inspector = FrameInspector.forModel(
                    runner,
                    new UltraSegmenter(concepts.config(null)),
                    new DefectDetector(ProfileConfig.defaults(), DefectDetector.defaultRegionFinder()));
            InspectedFrame r =
                    inspector.inspect(List.of(RgbImage.of(frame)), profile).get(0);
            FrameAssessment a = r.assessment();
            GridOverlay overlay = AssessmentOverlay.draw(frame, a, 384);
            String verdict = a.isDefective() ? "DEFECT" : "OK";
            BufferedImage picture = overlay.withCaption(List.of(
                    String.format(
                            "%s  score %.3f  threshold %.3f  regions %d",
                            verdict, a.frameScore(), a.threshold(), a.regions().size()),
                    "heat: token score 0..2x threshold; green: defects",
                    "model " + runner.manifest().name() + " "
                            + runner.manifest().version()));
            ImageFiles.writePng(picture, out);
            JsonTarget.textStream(json)
                    .printf(
                            "%s score %.4f threshold %.4f regions %d%nwrote %s%n",
                            verdict, a.frameScore(), a.threshold(), a.regions().size(), out);
            if (json != null) {
                writeJson(r, runner.manifest());
            }
            return 0;
        }
    }

    private void writeJson(InspectedFrame r, ModelManifest m) throws java.io.IOException {
        FrameAssessment a = r.assessment();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("image", image.toString());
        doc.put("model", Map.of("name", m.name(), "version", m.version(), "digest", m.weightsSha256()));
        doc.put("defective", a.isDefective());
        doc.put("frameScore", a.frameScore());
        doc.put("threshold", a.threshold());
        doc.put("gridHeight", a.gridHeight());
        doc.put("gridWidth", a.gridWidth());
        doc.put("tokenScores", a.tokenScores());
        doc.put("conceptCount", r.segmentation().conceptCount());
        doc.put("conceptLabels", r.segmentation().labels());
        List<Map<String, Object>> regions = new ArrayList<>();
        for (DefectRegionResult d : a.regions()) {
            Map<String, Object> reg = new LinkedHashMap<>();
            reg.put("conceptId", d.conceptId());
            reg.put("score", d.score());
            reg.put("tokenArea", d.tokenArea());
            reg.put("pixelArea", d.pixelArea());
            reg.put(
                    "box",
                    Map.of(
                            "x",
                            d.box().x(),
                            "y",
                            d.box().y(),
                            "width",
                            d.box().width(),
                            "height",
                            d.box().height()));
            reg.put("maskRuns", d.mask().runs());
            regions.add(reg);
        }
        doc.put("regions", regions);
        JsonTarget.write(json, doc);
    }
}
