package io.ultraline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCommandTest {

    @TempDir
    Path tmp;

    @Test
    void generatesADatasetFromTheCommandLine() throws Exception {
        Path out = tmp.resolve("ds");
        int code = Main.run("dataset", "generate", "--out", out.toString(), "--seed", "3", "--frames", "10",
                "--calibration", "4", "--size", "48", "--family", "wood-grain", "--defect-rate", "0.3");
        assertThat(code).isZero();
        assertThat(Files.readAllLines(out.resolve("test/labels.csv"))).hasSize(11)
                .filteredOn(l -> l.endsWith(",1")).hasSize(3);
        assertThat(Files.list(out.resolve("calibration")).count()).isEqualTo(4);
        assertThat(Files.readString(out.resolve("dataset.json"))).contains("\"family\": \"WOOD_GRAIN\"", "\"seed\": 3");
    }

    @Test
    void failsWithAClearCodeOnAnUnknownFamily() {
        int code = Main.run("dataset", "generate", "--out", tmp.resolve("x").toString(), "--family", "marble");
        assertThat(code).isEqualTo(2);
        assertThat(tmp.resolve("x")).doesNotExist();
    }
}
