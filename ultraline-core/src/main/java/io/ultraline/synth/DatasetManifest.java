package io.ultraline.synth;

import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The {@code dataset.json} of a written dataset: flat, hand-written JSON (no library needed). */
final class DatasetManifest {

    private DatasetManifest() {}

    static String json(DatasetOptions o, DatasetWriter.Summary s, String surfaceSample, SceneGenerator scenes) {
        CameraSetup c = s.camera();
        String types = Stream.of(DefectType.values())
                .map(t -> "\"" + t.name() + "\": " + s.defectTypes().getOrDefault(t, 0))
                .collect(Collectors.joining(", ", "{", "}"));
        return "{\n"
                + "  \"generator\": \"" + FrameGenerator.GENERATOR_VERSION + "\",\n"
                + "  \"seed\": " + o.seed() + ",\n"
                + "  \"family\": \"" + o.family().name() + "\",\n"
                + (surfaceSample == null
                        ? ""
                        : "  \"surfaceSample\": \""
                                + surfaceSample.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\n")
                + (scenes == null
                        ? ""
                        : "  \"scenes\": {\"kind\": \"" + scenes.kind().name() + "\", \"materials\": "
                                + scenes.materialNames().stream()
                                        .map(n -> "\"" + n.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                                        .collect(Collectors.joining(", ", "[", "]"))
                                + "},\n")
                + "  \"movingSurface\": " + o.movingSurface() + ",\n"
                + "  \"size\": " + o.size() + ",\n"
                + "  \"calibration\": " + s.calibration() + ",\n"
                + "  \"test\": " + o.frames() + ",\n"
                + "  \"good\": " + s.good() + ",\n"
                + "  \"defective\": " + s.defective() + ",\n"
                + "  \"defectRate\": " + num(o.defectRate()) + ",\n"
                + "  \"defectTypes\": " + types + ",\n"
                + "  \"camera\": {\"baseColour\": \"" + c.baseColour().toHex() + "\", \"textureScale\": "
                + num(c.textureScale()) + ", \"lightAngleDeg\": " + num(c.lightAngleDeg()) + ", \"lightStrength\": "
                + num(c.lightStrength()) + ", \"noiseLevel\": " + num(c.noiseLevel()) + ", \"seed\": " + c.seed()
                + "},\n"
                + "  \"maskRule\": \"pixels whose value some defect changed by at least 10/255 in a channel, "
                + "before sensor noise\"\n"
                + "}\n";
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6g", v)
                .replaceAll("(\\.\\d*?)0+(e|$)", "$1$2")
                .replace(".e", "e")
                .replaceAll("\\.$", "");
    }
}
