package io.ultraline.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryTreesTest {

    @TempDir
    Path tmp;

    @Test
    void deletesTheDirectoryWithEverythingUnderItAndLeavesItsSiblings() throws IOException {
        Path tree = Files.createDirectories(tmp.resolve("tree/a/b"));
        Files.writeString(tree.resolve("f.txt"), "x");
        Files.writeString(tmp.resolve("tree/g.txt"), "y");
        Files.writeString(tmp.resolve("sibling.txt"), "z");

        DirectoryTrees.delete(tmp.resolve("tree"));

        assertThat(tmp.resolve("tree")).doesNotExist();
        assertThat(tmp.resolve("sibling.txt")).exists();
    }

    @Test
    void aMissingDirectoryIsNotAnError() throws IOException {
        DirectoryTrees.delete(tmp.resolve("never-made"));
        assertThat(tmp.resolve("never-made")).doesNotExist();
    }
}
