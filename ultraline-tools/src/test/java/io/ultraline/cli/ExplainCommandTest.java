package io.ultraline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ultraline.frame.ImageFiles;
import io.ultraline.model.TinyVits;
import io.ultraline.model.VitConfig;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainCommandTest {

    @TempDir
    static Path tmp;

    static Path model;
    static Path image;

    @BeforeAll
    static void setUp() throws Exception {
        VitConfig c = TinyVits.config(64, 8, 24, 2, 2, true, 2);
        model = tmp.resolve("model");
        TinyVits.export(c, TinyVits.structured(c, 4, 2.5f), model);
        // a 150 x 100 frame: left part blue, a red square on the right
        BufferedImage img = new BufferedImage(150, 100, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 150; x++) {
                img.setRGB(x, y, x > 90 && y > 20 && y < 80 ? 0xd02020 : 0x2040c0);
            }
        }
        image = tmp.resolve("frame.png");
        ImageFiles.writePng(img, image);
    }

    @Test
    void conceptOverlayAndJsonDescribeTheImage() throws Exception {
        Path out = tmp.resolve("overlay.png");
        Path json = tmp.resolve("maps.json");
        int code = Main.run(
                "explain",
                "--model",
                model.toString(),
                "--image",
                image.toString(),
                "--out",
                out.toString(),
                "--json",
                json.toString());
        assertThat(code).isZero();
        BufferedImage overlay = ImageFiles.read(out);
        assertThat(overlay.getWidth()).isGreaterThanOrEqualTo(150);
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertThat(doc.get("gridHeight").asInt()).isEqualTo(8);
        int n = 64;
        assertThat(doc.get("labels").size()).isEqualTo(n);
        assertThat(doc.get("maps").size()).isEqualTo(n);
        for (int i = 0; i < n; i++) {
            JsonNode row = doc.get("maps").get(i);
            double max = Double.NEGATIVE_INFINITY;
            for (JsonNode v : row) {
                max = Math.max(max, v.asDouble());
            }
            assertThat(row.get(i).asDouble()).as("self entry of map %d", i).isEqualTo(max);
        }
        // the red square and the blue background must not share one concept
        int concepts = doc.get("conceptCount").asInt();
        assertThat(concepts).isGreaterThanOrEqualTo(2);
        int background = doc.get("labels").get(0).asInt();
        int square = doc.get("labels").get(4 * 8 + 7).asInt();
        assertThat(square).isNotEqualTo(background);
        assertThat(doc.get("conceptIds").isNull())
                .as("no profile, no camera ids")
                .isTrue();
    }

    @Test
    void withAProfileTheConceptsAreNamedByTheCamerasIdsWhichARecalibrationKeeps() throws Exception {
        // a camera that shows the blue surface with the red square in four places
        Path frames = tmp.resolve("good");
        java.nio.file.Files.createDirectories(frames);
        for (int i = 0; i < 4; i++) {
            BufferedImage img = new BufferedImage(150, 100, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 100; y++) {
                for (int x = 0; x < 150; x++) {
                    boolean square = x > 10 + 25 * i && x < 70 + 25 * i && y > 20 && y < 80;
                    img.setRGB(x, y, square ? 0xd02020 : 0x2040c0);
                }
            }
            ImageFiles.writePng(img, frames.resolve("good-" + i + ".png"));
        }
        Path profile = tmp.resolve("camera.profile");
        assertThat(Main.run(
                        "calibrate",
                        "--model",
                        model.toString(),
                        "--images",
                        frames.toString(),
                        "--out",
                        profile.toString()))
                .isZero();
        var prototypes = io.ultraline.defect.ProfileCodec.decode(java.nio.file.Files.readAllBytes(profile))
                .conceptPrototypes();
        assertThat(prototypes).as("calibrate learned the camera's concepts").isNotNull();

        // calibrated again with the camera's profile named: the ids stay those of the things it still shows
        var old = io.ultraline.defect.ProfileCodec.decode(java.nio.file.Files.readAllBytes(profile));
        int[] named =
                java.util.Arrays.stream(prototypes.ids()).map(id -> id + 20).toArray();
        Path previous = tmp.resolve("previous.profile");
        java.nio.file.Files.write(
                previous,
                io.ultraline.defect.ProfileCodec.encode(old.withConceptPrototypes(prototypes.withIds(named))));
        Path again = tmp.resolve("again.profile");
        assertThat(Main.run(
                        "calibrate",
                        "--model",
                        model.toString(),
                        "--images",
                        frames.toString(),
                        "--out",
                        again.toString(),
                        "--previous-profile",
                        previous.toString()))
                .isZero();
        assertThat(io.ultraline.defect.ProfileCodec.decode(java.nio.file.Files.readAllBytes(again))
                        .conceptPrototypes()
                        .ids())
                .as("the same frames again: every prototype keeps its named id")
                .containsExactly(named);

        Path json = tmp.resolve("named.json");
        int code = Main.run(
                "explain",
                "--model",
                model.toString(),
                "--image",
                image.toString(),
                "--out",
                tmp.resolve("named.png").toString(),
                "--profile",
                profile.toString(),
                "--json",
                json.toString());
        assertThat(code).isZero();
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        JsonNode ids = doc.get("conceptIds");
        assertThat(ids.size()).isEqualTo(doc.get("conceptCount").asInt());
        int background = ids.get(doc.get("labels").get(0).asInt()).asInt();
        int square = ids.get(doc.get("labels").get(4 * 8 + 7).asInt()).asInt();
        assertThat(background).as("the surface is a known concept").isBetween(0, prototypes.count() - 1);
        assertThat(square)
                .as("the square is a known concept too, another one")
                .isBetween(0, prototypes.count() - 1)
                .isNotEqualTo(background);
    }

    @Test
    void tokenHeatmapIsDrawn() throws Exception {
        Path out = tmp.resolve("token.png");
        int code = Main.run(
                "explain",
                "--model",
                model.toString(),
                "--image",
                image.toString(),
                "--out",
                out.toString(),
                "--token",
                "36");
        assertThat(code).isZero();
        assertThat(ImageFiles.read(out).getHeight()).isGreaterThan(100);
    }

    @Test
    void tokenOutOfRangeFailsWithAMessage() {
        int code = Main.run(
                "explain",
                "--model",
                model.toString(),
                "--image",
                image.toString(),
                "--out",
                tmp.resolve("x.png").toString(),
                "--token",
                "64");
        assertThat(code).isEqualTo(2);
    }

    @Test
    void unreadableImageFailsWithAMessage() throws Exception {
        Path bad = tmp.resolve("bad.png");
        java.nio.file.Files.write(bad, new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        int code = Main.run(
                "explain",
                "--model",
                model.toString(),
                "--image",
                bad.toString(),
                "--out",
                tmp.resolve("y.png").toString());
        assertThat(code).isEqualTo(2);
    }
}
