package io.ultraline.gateway;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The image files of one folder that match a glob, each returned once, sorted by name (cameras
 * and frame grabbers name files by time or sequence, so name order is capture order). In watch
 * mode a file is returned only once its size and modification time were the same on two scans in
 * a row: a camera writing over FTP or SMB needs several writes per file, and a half-written JPEG
 * sent now would be dead-lettered. Polling (not a WatchService) because network shares, where
 * cameras drop files, often deliver no change events.
 */
public final class FolderScan {

    private record Seen(long size, long modified) {}

    private final Path folder;
    private final PathMatcher glob;
    private final boolean waitForStable;
    private final Set<Path> returned = new HashSet<>();
    private final Map<Path, Seen> pending = new HashMap<>();

    /**
     * @param folder        the folder (not recursive)
     * @param glob          file-name glob, e.g. {@code *.{jpg,png}}
     * @param waitForStable whether a file must look the same on two scans before it is returned
     */
    public FolderScan(Path folder, String glob, boolean waitForStable) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException(folder + " is not a folder");
        }
        try {
            this.glob = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + glob + "' is not a file-name glob: " + e.getMessage());
        }
        this.folder = folder;
        this.waitForStable = waitForStable;
    }

    /** The files not returned before that are ready now, sorted by name. */
    public List<Path> next() throws IOException {
        List<Path> ready = new ArrayList<>();
        List<Path> listed;
        try (Stream<Path> files = Files.list(folder)) {
            listed = files.sorted().toList();
        }
        // forget files that are gone, so a long watch does not grow without bound
        returned.retainAll(new HashSet<>(listed));
        pending.keySet().retainAll(new HashSet<>(listed));
        {
            for (Path file : listed) {
                if (returned.contains(file) || !glob.matches(file.getFileName())) {
                    continue;
                }
                BasicFileAttributes attrs;
                try {
                    attrs = Files.readAttributes(file, BasicFileAttributes.class);
                } catch (IOException e) {
                    continue; // removed between the listing and now
                }
                if (!attrs.isRegularFile()) {
                    continue;
                }
                Seen now = new Seen(attrs.size(), attrs.lastModifiedTime().toMillis());
                if (waitForStable && !now.equals(pending.put(file, now))) {
                    continue;
                }
                pending.remove(file);
                returned.add(file);
                ready.add(file);
            }
        }
        return ready;
    }
}
