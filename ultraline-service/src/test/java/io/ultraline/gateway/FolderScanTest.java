package io.ultraline.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderScanTest {

    @TempDir
    Path dir;

    @Test
    void matchingFilesComeSortedByNameAndOnce() throws IOException {
        for (String name : new String[] {"b.jpg", "a.png", "c.txt", "10.jpg"}) {
            Files.write(dir.resolve(name), new byte[] {1});
        }
        Files.createDirectory(dir.resolve("d.jpg"));
        FolderScan scan = new FolderScan(dir, "*.{jpg,png}", false);

        assertThat(scan.next()).extracting(p -> p.getFileName().toString()).containsExactly("10.jpg", "a.png", "b.jpg");
        assertThat(scan.next()).isEmpty();
        Files.write(dir.resolve("0.jpg"), new byte[] {1});
        assertThat(scan.next()).extracting(p -> p.getFileName().toString()).containsExactly("0.jpg");
    }

    @Test
    void inWatchModeAFileStillBeingWrittenWaits() throws IOException {
        FolderScan scan = new FolderScan(dir, "*.jpg", true);
        Path file = dir.resolve("frame.jpg");
        Files.write(file, new byte[] {1, 2});

        assertThat(scan.next()).isEmpty(); // first sight
        Files.write(file, new byte[] {1, 2, 3, 4});
        assertThat(scan.next()).isEmpty(); // it grew
        Files.setLastModifiedTime(
                file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis()));
        assertThat(scan.next()).containsExactly(file); // unchanged since the last scan
        assertThat(scan.next()).isEmpty();
    }

    @Test
    void aFileRemovedAndWrittenAgainIsSentAgain() throws IOException {
        FolderScan scan = new FolderScan(dir, "*.jpg", false);
        Path file = dir.resolve("a.jpg");
        Files.write(file, new byte[] {1});
        assertThat(scan.next()).hasSize(1);
        Files.delete(file);
        assertThat(scan.next()).isEmpty();
        Files.write(file, new byte[] {2});
        assertThat(scan.next()).containsExactly(file);
    }

    @Test
    void aMissingFolderOrBadGlobIsRefused() {
        assertThatThrownBy(() -> new FolderScan(dir.resolve("nope"), "*.jpg", false))
                .hasMessageContaining("not a folder");
        assertThatThrownBy(() -> new FolderScan(dir, "*.{jpg", false)).hasMessageContaining("not a file-name glob");
    }
}
