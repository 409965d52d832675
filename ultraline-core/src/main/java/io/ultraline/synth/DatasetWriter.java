package io.ultraline.synth;

import java.awt.image.RenderedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Writes a synthetic dataset of one camera in the format the evaluation reads:
 *
 * <pre>
 * DIR/calibration/0001.png ...   defect-free frames of the camera (RGB PNG)
 * DIR/test/images/0001.png ...   test frames (RGB PNG)
 * DIR/test/masks/0001.png ...    masks of the defective test frames only (8-bit grey PNG, 255 = defect)
 * DIR/test/labels.csv            header "image,mask,label"; paths relative to DIR/test;
 *                                label 1 defective, 0 good; the mask field is empty for good frames
 * DIR/test/parts/0001.png ...    scenes only: part ids (8-bit grey PNG, value = the index of the
 *                                camera's material the pixel shows); labels.csv then has the header
 *                                "image,mask,label,parts"
 * DIR/defects.csv                one row per injected defect: image,type,x,y,width,height,area
 * DIR/dataset.json               generator version, seed, family, camera, counts (scenes: the
 *                                scene family and the materials by part id)
 * </pre>
 *
 * File numbers start at 1 and have at least four digits. The target directory must be absent or
 * empty, so a dataset never mixes with the files of another.
 */
public final class DatasetWriter {

    /** Called after each frame is written. */
    @FunctionalInterface
    public interface Progress {
        void frame(String part, int done, int total);
    }

    /**
     * What was written.
     *
     * @param defectTypes how many injected defects of each type
     */
    public record Summary(
            Path dir,
            CameraSetup camera,
            int calibration,
            int good,
            int defective,
            Map<DefectType, Integer> defectTypes) {}

    private final FrameGenerator generator;
    /** Null: plain frames of one surface; else every frame is a scene with part ids. */
    private final SceneGenerator scenes;

    public DatasetWriter(FrameGenerator generator) {
        this.generator = generator;
        this.scenes = null;
    }

    /** A writer of scene datasets: every frame made of parts, with a part-id PNG per test frame. */
    public DatasetWriter(SceneGenerator scenes) {
        this.generator = null;
        this.scenes = scenes;
    }

    private SceneFrame render(CameraSetup camera, DatasetOptions o, long seed, List<DefectType> defects) {
        if (scenes != null) {
            return scenes.generate(camera, seed, defects, o.size());
        }
        SyntheticFrame f = generator.generate(DatasetPlan.view(camera, o, seed), seed, defects, o.size());
        return new SceneFrame(f, new int[o.size() * o.size()]);
    }

    public Summary write(Path dir, DatasetOptions o, Progress progress) throws IOException {
        requireEmpty(dir);
        CameraSetup camera = DatasetPlan.camera(o);
        int digits = Math.max(
                4, String.valueOf(Math.max(o.frames(), o.calibration())).length());
        Path calibration = Files.createDirectories(dir.resolve("calibration"));
        for (int i = 0; i < o.calibration(); i++) {
            SyntheticFrame f = render(camera, o, DatasetPlan.calibrationSeed(o.seed(), i), List.of())
                    .frame();
            png(f.image(), calibration.resolve(name(i, digits)));
            progress.frame("calibration", i + 1, o.calibration());
        }
        Path test = dir.resolve("test");
        Files.createDirectories(test.resolve("images"));
        Files.createDirectories(test.resolve("masks"));
        if (scenes != null) {
            Files.createDirectories(test.resolve("parts"));
        }
        List<List<DefectType>> plan = DatasetPlan.defects(o);
        Map<DefectType, Integer> counts = new EnumMap<>(DefectType.class);
        int defective = 0;
        try (Writer labels = Files.newBufferedWriter(test.resolve("labels.csv"), StandardCharsets.UTF_8);
                Writer boxes = Files.newBufferedWriter(dir.resolve("defects.csv"), StandardCharsets.UTF_8)) {
            labels.write(scenes == null ? "image,mask,label\n" : "image,mask,label,parts\n");
            boxes.write("image,type,x,y,width,height,area\n");
            for (int i = 0; i < o.frames(); i++) {
                SceneFrame scene = render(camera, o, DatasetPlan.testSeed(o.seed(), i), plan.get(i));
                SyntheticFrame f = scene.frame();
                String image = "images/" + name(i, digits);
                png(f.image(), test.resolve(image));
                String parts = "";
                if (scenes != null) {
                    parts = "," + "parts/" + name(i, digits);
                    png(scene.partsImage(), test.resolve(parts.substring(1)));
                }
                String mask = "";
                if (f.defective()) {
                    defective++;
                    mask = "masks/" + name(i, digits);
                    png(f.maskImage(), test.resolve(mask));
                    for (Defect d : f.defects()) {
                        counts.merge(d.type(), 1, Integer::sum);
                        Box b = d.box();
                        boxes.write(String.join(
                                        ",",
                                        image,
                                        d.type().name(),
                                        "" + b.x(),
                                        "" + b.y(),
                                        "" + b.width(),
                                        "" + b.height(),
                                        "" + d.area())
                                + "\n");
                    }
                }
                labels.write(image + "," + mask + "," + (f.defective() ? 1 : 0) + parts + "\n");
                progress.frame("test", i + 1, o.frames());
            }
        }
        Summary s = new Summary(
                dir, camera, o.calibration(), o.frames() - defective, defective, Collections.unmodifiableMap(counts));
        Files.writeString(
                dir.resolve("dataset.json"),
                DatasetManifest.json(o, s, scenes == null ? generator.surfaceSample() : null, scenes),
                StandardCharsets.UTF_8);
        return s;
    }

    private static String name(int i, int digits) {
        return String.format("%0" + digits + "d.png", i + 1);
    }

    private static void png(RenderedImage image, Path file) throws IOException {
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer for " + file);
        }
    }

    private static void requireEmpty(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            Files.createDirectories(dir);
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " exists and is not a directory");
        }
        try (Stream<Path> s = Files.list(dir)) {
            if (s.findAny().isPresent()) {
                throw new IOException(dir + " is not empty; choose a new or empty directory");
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
