package io.ultraline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonTargetTest {

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    @Test
    void dashWritesOnlyTheDocumentToStandardOutput() throws Exception {
        JsonTarget.write(Path.of("-"), Map.of("auroc", 0.9), print(stdout), print(stderr));

        String out = stdout.toString(StandardCharsets.UTF_8);
        assertThat(new ObjectMapper().readTree(out).get("auroc").asDouble()).isEqualTo(0.9);
        assertThat(out).doesNotContain("wrote");
        assertThat(JsonTarget.textStream(Path.of("-"))).isSameAs(System.err);
    }

    @Test
    void aPathWritesTheFileAndSaysSo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("m.json");
        JsonTarget.write(file, Map.of("auroc", 0.9), print(stdout), print(stderr));

        assertThat(new ObjectMapper()
                        .readTree(Files.readString(file))
                        .get("auroc")
                        .asDouble())
                .isEqualTo(0.9);
        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo("wrote " + file + System.lineSeparator());
        assertThat(JsonTarget.textStream(file)).isSameAs(System.out);
        assertThat(JsonTarget.textStream(null)).isSameAs(System.out);
    }
}
