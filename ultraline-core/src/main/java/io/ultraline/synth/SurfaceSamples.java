package io.ultraline.synth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** A folder of photographed surface samples, in a stable (sorted path) order. */
public final class SurfaceSamples {

    private SurfaceSamples() {}

    /**
     * Every {@code .pat}, {@code .png}, {@code .jpg} and {@code .jpeg} under {@code dir}, except those
     * whose name (file name without extension) is in {@code excluded}.
     *
     * @throws IOException when the folder holds no sample, or an excluded name matches none (a typo
     *     would otherwise train on a surface meant to stay unseen)
     */
    public static List<SurfaceImage> read(Path dir, Collection<String> excluded) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p ->
                            p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(pat|png|jpe?g)"))
                    .sorted()
                    .toList();
        }
        List<SurfaceImage> out = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString().replaceFirst("\\.[^.]+$", "");
            seen.add(name);
            if (!excluded.contains(name)) {
                out.add(SurfaceImage.read(f));
            }
        }
        for (String e : excluded) {
            if (!seen.contains(e)) {
                throw new IOException("held-out surface '" + e + "' is not in " + dir);
            }
        }
        if (out.isEmpty()) {
            throw new IOException("no surface samples (.pat, .png, .jpg) to train on in " + dir);
        }
        return out;
    }
}
