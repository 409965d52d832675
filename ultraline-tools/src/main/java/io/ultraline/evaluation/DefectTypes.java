package io.ultraline.evaluation;

import io.ultraline.defect.eval.TruthRegions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which kind of defect each true region is, from a synthetic dataset's {@code defects.csv}
 * ({@code image,type,x,y,width,height,area}, written by {@code io.ultraline.synth.DatasetWriter}).
 * A true region takes the type of the defect whose box holds most of its pixels; datasets without
 * the file (real photographs) give every region the type {@code unknown}.
 */
final class DefectTypes {

    static final String UNKNOWN = "unknown";

    private record Placed(String type, int x, int y, int width, int height) {}

    private final Map<String, List<Placed>> byImage;

    private DefectTypes(Map<String, List<Placed>> byImage) {
        this.byImage = byImage;
    }

    static DefectTypes read(Path datasetRoot) throws IOException {
        Path file = datasetRoot.resolve("defects.csv");
        Map<String, List<Placed>> byImage = new HashMap<>();
        if (!Files.isRegularFile(file)) {
            return new DefectTypes(byImage);
        }
        List<String> lines = Files.readAllLines(file);
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split(",");
            if (f.length < 6) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                throw new IOException(file + " line " + (i + 1) + " is not image,type,x,y,width,height,area");
            }
            try {
                byImage.computeIfAbsent(f[0], k -> new ArrayList<>())
                        .add(new Placed(
                                f[1].toLowerCase(Locale.ROOT),
                                Integer.parseInt(f[2]),
                                Integer.parseInt(f[3]),
                                Integer.parseInt(f[4]),
                                Integer.parseInt(f[5])));
            } catch (NumberFormatException e) {
                throw new IOException(file + " line " + (i + 1) + ": box values must be integers", e);
            }
        }
        return new DefectTypes(byImage);
    }

    /** The types of the defects painted on test image {@code image}, sorted (empty: none recorded). */
    SortedSet<String> typesIn(String image) {
        SortedSet<String> out = new TreeSet<>();
        for (Placed d : byImage.getOrDefault(image, List.of())) {
            out.add(d.type());
        }
        return out;
    }

    /** The boxes of the defects painted on test image {@code image} (empty: none recorded). */
    List<TruthRegions.Box> boxesIn(String image) {
        return byImage.getOrDefault(image, List.of()).stream()
                .map(d -> new TruthRegions.Box(d.x(), d.y(), d.width(), d.height()))
                .toList();
    }

    /** The type of a true region ({@code width}-wide row-major mask) of test image {@code image}. */
    String typeOf(String image, boolean[] region, int width) {
        int owner = TruthRegions.boxHoldingMost(region, boxesIn(image), width);
        return owner < 0 ? UNKNOWN : byImage.get(image).get(owner).type();
    }
}
