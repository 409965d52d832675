package io.ultraline.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetWriterTest {

    private static final DatasetOptions SMALL = new DatasetOptions(5, 28, 6, 64, 0.5, MaterialFamily.TILES);

    @TempDir
    Path tmp;

    @Test
    void writesExactlyTheDatasetFormat() throws IOException {
        Path dir = tmp.resolve("ds");
        List<String> progress = new ArrayList<>();
        DatasetWriter.Summary s = new DatasetWriter(new FrameGenerator())
                .write(dir, SMALL, (part, done, total) -> progress.add(part + done + "/" + total));

        assertThat(list(dir)).containsExactlyInAnyOrder("calibration", "test", "dataset.json", "defects.csv");
        assertThat(list(dir.resolve("calibration")))
                .containsExactly("0001.png", "0002.png", "0003.png", "0004.png", "0005.png", "0006.png");
        for (String f : list(dir.resolve("calibration"))) {
            assertRgbPng(dir.resolve("calibration").resolve(f));
        }
        List<String> lines = Files.readAllLines(dir.resolve("test/labels.csv"));
        assertThat(lines.get(0)).isEqualTo("image,mask,label");
        assertThat(lines).hasSize(1 + 28);
        int defective = 0;
        Set<String> referenced = new java.util.HashSet<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertThat(f).hasSize(3);
            assertThat(f[0]).matches("images/\\d{4}\\.png");
            assertRgbPng(dir.resolve("test").resolve(f[0]));
            referenced.add(f[0]);
            if (f[2].equals("1")) {
                defective++;
                assertThat(f[1]).isEqualTo(f[0].replace("images/", "masks/"));
                assertThat(maskPixels(dir.resolve("test").resolve(f[1])))
                        .as(f[1])
                        .isPositive();
                referenced.add(f[1]);
            } else {
                assertThat(f[2]).isEqualTo("0");
                assertThat(f[1]).isEmpty();
            }
        }
        assertThat(defective).isEqualTo(14).isEqualTo(s.defective());
        assertThat(s.good()).isEqualTo(14);
        // Every file under test/ is referenced, and nothing else is there.
        try (Stream<Path> all = Files.walk(dir.resolve("test"))) {
            assertThat(all.filter(Files::isRegularFile)
                            .map(p -> dir.resolve("test").relativize(p).toString())
                            .filter(p -> !p.equals("labels.csv")))
                    .containsExactlyInAnyOrderElementsOf(referenced);
        }
        assertThat(progress).contains("calibration6/6", "test28/28").hasSize(6 + 28);
    }

    @Test
    void defectListAndManifestAgreeWithTheFrames() throws IOException {
        Path dir = tmp.resolve("ds");
        DatasetWriter.Summary s = new DatasetWriter(new FrameGenerator()).write(dir, SMALL, (p, d, t) -> {});
        List<String> rows = Files.readAllLines(dir.resolve("defects.csv"));
        assertThat(rows.get(0)).isEqualTo("image,type,x,y,width,height,area");
        Set<DefectType> types = EnumSet.noneOf(DefectType.class);
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            types.add(DefectType.valueOf(f[1]));
            int x = Integer.parseInt(f[2]), y = Integer.parseInt(f[3]);
            int w = Integer.parseInt(f[4]), h = Integer.parseInt(f[5]);
            assertThat(x + w).isLessThanOrEqualTo(64);
            assertThat(y + h).isLessThanOrEqualTo(64);
            assertThat(Integer.parseInt(f[6])).isBetween(1, w * h);
        }
        // Types come round in shuffled cycles: 14 defective frames see every type at least twice.
        assertThat(types).containsExactlyInAnyOrder(DefectType.values());
        assertThat(s.defectTypes().values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(2));
        assertThat(rows.size() - 1)
                .isEqualTo(s.defectTypes().values().stream()
                        .mapToInt(Integer::intValue)
                        .sum());

        String json = Files.readString(dir.resolve("dataset.json"));
        assertThat(json)
                .contains(
                        "\"generator\": \"" + FrameGenerator.GENERATOR_VERSION + "\"",
                        "\"seed\": 5",
                        "\"family\": \"TILES\"",
                        "\"size\": 64",
                        "\"calibration\": 6",
                        "\"test\": 28",
                        "\"good\": 14",
                        "\"defective\": 14",
                        "\"defectRate\": 0.5");
    }

    @Test
    void theSameSeedWritesTheSameBytes() throws IOException {
        DatasetOptions o = new DatasetOptions(9, 6, 2, 48, 0.5, MaterialFamily.WOVEN_FABRIC);
        new DatasetWriter(new FrameGenerator()).write(tmp.resolve("a"), o, (p, d, t) -> {});
        new DatasetWriter(new FrameGenerator()).write(tmp.resolve("b"), o, (p, d, t) -> {});
        new DatasetWriter(new FrameGenerator())
                .write(
                        tmp.resolve("c"),
                        new DatasetOptions(10, 6, 2, 48, 0.5, MaterialFamily.WOVEN_FABRIC),
                        (p, d, t) -> {});
        List<Path> files;
        try (Stream<Path> all = Files.walk(tmp.resolve("a"))) {
            files = all.filter(Files::isRegularFile)
                    .map(tmp.resolve("a")::relativize)
                    .collect(Collectors.toList());
        }
        assertThat(files).hasSizeGreaterThan(10);
        for (Path f : files) {
            assertThat(Files.readAllBytes(tmp.resolve("b").resolve(f)))
                    .as(f.toString())
                    .isEqualTo(Files.readAllBytes(tmp.resolve("a").resolve(f)));
        }
        assertThat(Files.readAllBytes(tmp.resolve("c/test/images/0001.png")))
                .isNotEqualTo(Files.readAllBytes(tmp.resolve("a/test/images/0001.png")));
    }

    @Test
    void sceneDatasetsAddAPartsColumnAndPartsImages() throws IOException {
        Path dir = tmp.resolve("scenes");
        DatasetOptions o = new DatasetOptions(3, 6, 2, 64, 0.5, MaterialFamily.GRANULAR);
        new DatasetWriter(SceneGenerator.ofFamilies(SceneKind.CONVEYOR, 3, 4)).write(dir, o, (p, d, t) -> {});
        List<String> lines = Files.readAllLines(dir.resolve("test/labels.csv"));
        assertThat(lines.get(0)).isEqualTo("image,mask,label,parts");
        assertThat(lines).hasSize(1 + 6);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertThat(f).hasSize(4);
            assertThat(f[3]).isEqualTo(f[0].replace("images/", "parts/"));
            BufferedImage parts = ImageIO.read(dir.resolve("test").resolve(f[3]).toFile());
            assertThat(parts.getWidth()).isEqualTo(64);
            int[] ids = parts.getRaster().getSamples(0, 0, 64, 64, 0, new int[64 * 64]);
            assertThat(java.util.Arrays.stream(ids).distinct().count()).isBetween(2L, 4L);
            assertThat(ids).contains(0);
        }
        assertThat(Files.readString(dir.resolve("dataset.json"))).contains("\"scenes\": {\"kind\": \"CONVEYOR\"");
        assertThat(list(dir.resolve("calibration"))).hasSize(2);
    }

    @Test
    void refusesADirectoryThatIsNotEmpty() throws IOException {
        Files.createDirectories(tmp.resolve("used"));
        Files.writeString(tmp.resolve("used/old.txt"), "x");
        assertThatThrownBy(() ->
                        new DatasetWriter(new FrameGenerator()).write(tmp.resolve("used"), SMALL, (p, d, t) -> {}))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not empty");
    }

    @Test
    void optionsAreCheckedEarly() {
        assertThatThrownBy(() -> new DatasetOptions(1, 0, 1, 64, 0.5, MaterialFamily.TILES))
                .hasMessageContaining("frames");
        assertThatThrownBy(() -> new DatasetOptions(1, 10, -1, 64, 0.5, MaterialFamily.TILES))
                .hasMessageContaining("calibration");
        assertThatThrownBy(() -> new DatasetOptions(1, 10, 1, 8, 0.5, MaterialFamily.TILES))
                .hasMessageContaining("size");
        assertThatThrownBy(() -> new DatasetOptions(1, 10, 1, 64, 1.5, MaterialFamily.TILES))
                .hasMessageContaining("defect rate");
        assertThat(DatasetOptions.defaults(3).defectiveFrames()).isEqualTo(100);
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    private static void assertRgbPng(Path file) throws IOException {
        assertThat(head(file)).as(file + " is a PNG").startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        // IHDR: bit depth at byte 24, colour type at byte 25 (2 = truecolour RGB, 0 = greyscale).
        assertThat(head(file)[24]).isEqualTo((byte) 8);
        assertThat(head(file)[25]).as(file + " colour type").isEqualTo((byte) 2);
        BufferedImage img = ImageIO.read(file.toFile());
        assertThat(img.getRaster().getNumBands()).isEqualTo(3);
        assertThat(img.getColorModel().hasAlpha()).isFalse();
    }

    private static int maskPixels(Path file) throws IOException {
        assertThat(head(file)[25]).as(file + " colour type").isEqualTo((byte) 0);
        BufferedImage img = ImageIO.read(file.toFile());
        assertThat(img.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        assertThat(img.getRaster().getNumBands()).isEqualTo(1);
        int set = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                set += img.getRaster().getSample(x, y, 0) != 0 ? 1 : 0;
            }
        }
        return set;
    }

    private static byte[] head(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            return in.readNBytes(26);
        }
    }
}
