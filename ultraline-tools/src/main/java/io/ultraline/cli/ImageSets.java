package io.ultraline.cli;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Stream;

/** Resolves a directory (its PNG and JPEG files) or a glob such as {@code frames/cam1-*.png}, sorted. */
final class ImageSets {

    private ImageSets() {}

    static List<Path> resolve(String spec) throws IOException {
        Path p = Path.of(spec);
        if (Files.isDirectory(p)) {
            return list(p, FileSystems.getDefault().getPathMatcher("glob:*.{png,PNG,jpg,JPG,jpeg,JPEG}"));
        }
        Path dir = p.toAbsolutePath().getParent();
        String pattern = p.getFileName().toString();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException("no directory for image set '" + spec + "'");
        }
        List<Path> files = list(dir, FileSystems.getDefault().getPathMatcher("glob:" + pattern));
        if (files.isEmpty()) {
            throw new IOException("no images match '" + spec + "'");
        }
        return files;
    }

    private static List<Path> list(Path dir, PathMatcher names) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(f -> names.matches(f.getFileName()))
                    .sorted()
                    .toList();
        }
    }
}
