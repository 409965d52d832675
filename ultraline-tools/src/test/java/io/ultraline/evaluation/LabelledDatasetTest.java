package io.ultraline.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a dataset directory (calibration/ and test/labels.csv) and its masks, and refusing bad ones. */
class LabelledDatasetTest {

    @TempDir
    Path root;

    @Test
    void readsCalibrationFramesInOrderAndTheLabelledTestFrames() throws IOException {
        calibration("0002.png", "0001.jpg", "notes.txt", "0003.JPEG");
        labels("image,mask,label", "images/a.png,,0", "", "images/b.png,masks/b.png,1");
        LabelledDataset d = LabelledDataset.open(root);
        assertThat(d.calibration())
                .extracting(p -> p.getFileName().toString())
                .containsExactly("0001.jpg", "0002.png", "0003.JPEG");
        assertThat(d.test()).hasSize(2);
        assertThat(d.test().get(0).defective()).isFalse();
        assertThat(d.test().get(0).maskPath()).isNull();
        assertThat(d.test().get(0).imagePath()).isEqualTo(root.resolve("test/images/a.png"));
        assertThat(d.test().get(1).defective()).isTrue();
        assertThat(d.test().get(1).maskPath()).isEqualTo(root.resolve("test/masks/b.png"));
    }

    @Test
    void threeColumnFilesHaveNoParts() throws IOException {
        calibration("0001.png");
        labels("image,mask,label", "images/a.png,,0");
        LabelledDataset d = LabelledDataset.open(root);
        assertThat(d.hasParts()).isFalse();
        assertThat(d.test().get(0).partsPath()).isNull();
    }

    @Test
    void aFourthColumnNamesEachFramesPartsImage() throws IOException {
        calibration("0001.png");
        labels("image,mask,label,parts", "images/a.png,,0,parts/a.png", "images/b.png,masks/b.png,1,");
        LabelledDataset d = LabelledDataset.open(root);
        assertThat(d.hasParts()).isTrue();
        assertThat(d.test().get(0).partsPath()).isEqualTo(root.resolve("test/parts/a.png"));
        assertThat(d.test().get(1).partsPath()).isNull();
        assertThat(d.test().get(1).maskPath()).isEqualTo(root.resolve("test/masks/b.png"));
    }

    @Test
    void rowsMustHaveTheHeadersColumnCount() throws IOException {
        calibration("0001.png");
        labels("image,mask,label,parts", "images/a.png,,0");
        assertThatThrownBy(() -> LabelledDataset.open(root))
                .hasMessageContaining("line 2")
                .hasMessageContaining("image,mask,label,parts");
        labels("image,mask,label", "images/a.png,,0,parts/a.png");
        assertThatThrownBy(() -> LabelledDataset.open(root)).hasMessageContaining("line 2");
    }

    @Test
    void partIdsAreTheGreyValues() throws IOException {
        BufferedImage m = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
        m.getRaster().setSample(1, 0, 0, 2);
        m.getRaster().setSample(2, 1, 0, 3);
        Path p = root.resolve("parts.png");
        ImageIO.write(m, "png", p.toFile());
        assertThat(LabelledDataset.readParts(p, 3, 2)).containsExactly(0, 2, 0, 0, 0, 3);
        assertThatThrownBy(() -> LabelledDataset.readParts(p, 2, 3))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("is 3x2, its image 2x3");
    }

    @Test
    void refusesDirectoriesThatAreNoDataset() throws IOException {
        assertThatThrownBy(() -> LabelledDataset.open(root))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("is not a dataset");
        calibration("notes.txt");
        labels("image,mask,label");
        assertThatThrownBy(() -> LabelledDataset.open(root))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("holds no PNG or JPEG frames");
    }

    @Test
    void refusesBadLabelFilesWithTheLine() throws IOException {
        calibration("0001.png");
        labels("img,label");
        assertThatThrownBy(() -> LabelledDataset.open(root)).hasMessageContaining("must start with the header");
        labels("image,mask,label", "images/a.png,,0", "images/b.png,,2");
        assertThatThrownBy(() -> LabelledDataset.open(root)).hasMessageContaining("line 3");
        labels("image,mask,label", "images/a.png,1");
        assertThatThrownBy(() -> LabelledDataset.open(root)).hasMessageContaining("line 2");
    }

    @Test
    void aDefectiveFrameWithoutAMaskCountsForTheFrameMetricsOnly() throws IOException {
        // operator feedback carries no mask (ultraline feedback export)
        calibration("0001.png");
        labels("image,mask,label", "images/b.png,,1");
        LabelledDataset.TestFrame frame = LabelledDataset.open(root).test().get(0);
        assertThat(frame.defective()).isTrue();
        assertThat(frame.maskPath()).isNull();
    }

    @Test
    void aMaskIsItsNonzeroPixelsAndMustMatchItsImage() throws IOException {
        BufferedImage m = new BufferedImage(4, 3, BufferedImage.TYPE_BYTE_GRAY);
        m.getRaster().setSample(1, 0, 0, 255);
        m.getRaster().setSample(3, 2, 0, 1);
        Path p = root.resolve("mask.png");
        ImageIO.write(m, "png", p.toFile());
        boolean[] mask = LabelledDataset.readMask(p, 4, 3);
        boolean[] expected = new boolean[12];
        expected[1] = true;
        expected[11] = true;
        assertThat(mask).isEqualTo(expected);
        assertThatThrownBy(() -> LabelledDataset.readMask(p, 3, 4))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("is 4x3, its image 3x4");
    }

    private void calibration(String... names) throws IOException {
        Path cal = Files.createDirectories(root.resolve("calibration"));
        for (String n : names) {
            Files.write(cal.resolve(n), new byte[] {1});
        }
    }

    private void labels(String... lines) throws IOException {
        Files.write(Files.createDirectories(root.resolve("test")).resolve("labels.csv"), java.util.List.of(lines));
    }
}
