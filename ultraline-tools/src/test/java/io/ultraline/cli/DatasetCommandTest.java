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
        int code = Main.run(
                "dataset",
                "generate",
                "--out",
                out.toString(),
                "--seed",
                "3",
                "--frames",
                "10",
                "--calibration",
                "4",
                "--size",
                "48",
                "--family",
                "wood-grain",
                "--defect-rate",
                "0.3");
        assertThat(code).isZero();
        assertThat(Files.readAllLines(out.resolve("test/labels.csv")))
                .hasSize(11)
                .filteredOn(l -> l.endsWith(",1"))
                .hasSize(3);
        assertThat(Files.list(out.resolve("calibration")).count()).isEqualTo(4);
        assertThat(Files.readString(out.resolve("dataset.json"))).contains("\"family\": \"WOOD_GRAIN\"", "\"seed\": 3");
    }

    @Test
    void scenesOfSurfaceSamplesGetAPartsColumn() throws Exception {
        Path a = sample("a.png", 0xff2020);
        Path b = sample("b.png", 0x20ff20);
        Path out = tmp.resolve("scenes");
        int code = Main.run(
                "dataset",
                "generate",
                "--out",
                out.toString(),
                "--seed",
                "3",
                "--frames",
                "5",
                "--calibration",
                "2",
                "--size",
                "48",
                "--scenes",
                "mosaic",
                "--surface",
                a.toString(),
                "--surface",
                b.toString());
        assertThat(code).isZero();
        assertThat(Files.readAllLines(out.resolve("test/labels.csv")).get(0)).isEqualTo("image,mask,label,parts");
        assertThat(Files.list(out.resolve("test/parts")).count()).isEqualTo(5);
        assertThat(Files.readString(out.resolve("dataset.json"))).contains("\"materials\": [\"a\", \"b\"]");
    }

    @Test
    void refusesScenesOfASingleSampleAndSeveralSamplesWithoutScenes() throws Exception {
        Path a = sample("a.png", 0xff2020);
        assertThat(Main.run(
                        "dataset",
                        "generate",
                        "--out",
                        tmp.resolve("x").toString(),
                        "--scenes",
                        "tiles",
                        "--surface",
                        a.toString()))
                .isEqualTo(2);
        assertThat(Main.run(
                        "dataset",
                        "generate",
                        "--out",
                        tmp.resolve("y").toString(),
                        "--surface",
                        a.toString(),
                        "--surface",
                        a.toString()))
                .isEqualTo(2);
        assertThat(Main.run("dataset", "generate", "--out", tmp.resolve("z").toString(), "--scenes", "circus"))
                .isNotZero();
        assertThat(tmp.resolve("x")).doesNotExist();
    }

    private Path sample(String name, int rgb) throws java.io.IOException {
        var img = new java.awt.image.BufferedImage(16, 16, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                img.setRGB(x, y, (x + y) % 2 == 0 ? rgb : rgb / 2);
            }
        }
        Path p = tmp.resolve(name);
        javax.imageio.ImageIO.write(img, "png", p.toFile());
        return p;
    }

    @Test
    void failsWithAClearCodeOnAnUnknownFamily() {
        int code = Main.run("dataset", "generate", "--out", tmp.resolve("x").toString(), "--family", "marble");
        assertThat(code).isEqualTo(2);
        assertThat(tmp.resolve("x")).doesNotExist();
    }
}
