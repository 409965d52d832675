package io.ultraline.evaluation;

import io.ultraline.frame.ImageFiles;
import io.ultraline.frame.RgbImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A dataset in the evaluation format: DIR/calibration/*.png (good frames of one camera) and
 * DIR/test/labels.csv ({@code image,mask,label}, paths relative to DIR/test, label 0 good / 1
 * defective, mask empty for good frames, nonzero mask pixels = defect). A defective frame may have
 * an empty mask too (labels from operator feedback carry none): it counts for the frame-level
 * metrics, and the pixel and region metrics leave it out.
 *
 * <p>An optional fourth column {@code parts} (header {@code image,mask,label,parts}) names a PNG of
 * part ids per frame (the grey value, or the first channel, is the id of the part the pixel shows;
 * ids mean the same part in every frame of the dataset), for scoring concept segmentation. It may
 * be empty on a row; three-column files are read as before.
 */
public final class LabelledDataset {

    /** One test frame; mask is null for good frames, partsPath null when the frame has no part ids. */
    public record TestFrame(String image, Path imagePath, Path maskPath, boolean defective, Path partsPath) {

        /** A frame without part ids. */
        public TestFrame(String image, Path imagePath, Path maskPath, boolean defective) {
            this(image, imagePath, maskPath, defective, null);
        }
    }

    static final String HEADER = "image,mask,label";
    static final String HEADER_WITH_PARTS = HEADER + ",parts";

    private final Path root;
    private final List<Path> calibration;
    private final List<TestFrame> test;

    private LabelledDataset(Path root, List<Path> calibration, List<TestFrame> test) {
        this.root = root;
        this.calibration = calibration;
        this.test = test;
    }

    public static LabelledDataset open(Path root) throws IOException {
        Path cal = root.resolve("calibration");
        Path labels = root.resolve("test").resolve("labels.csv");
        if (!Files.isDirectory(cal) || !Files.isRegularFile(labels)) {
            throw new IOException(root + " is not a dataset: it needs calibration/ and test/labels.csv");
        }
        List<Path> calibration;
        try (Stream<Path> files = Files.list(cal)) {
            calibration = files.filter(p -> p.toString().toLowerCase().matches(".*\\.(png|jpe?g)"))
                    .sorted()
                    .toList();
        }
        if (calibration.isEmpty()) {
            throw new IOException(cal + " holds no PNG or JPEG frames");
        }
        List<String> lines = Files.readAllLines(labels);
        String header = lines.isEmpty() ? "" : lines.get(0).trim();
        if (!header.equals(HEADER) && !header.equals(HEADER_WITH_PARTS)) {
            throw new IOException(labels + " must start with the header " + HEADER + " or " + HEADER_WITH_PARTS);
        }
        int columns = header.split(",").length;
        List<TestFrame> test = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != columns || !(f[2].equals("0") || f[2].equals("1"))) {
                throw new IOException(
                        labels + " line " + (i + 1) + " is not " + header + " with label 0 or 1: " + line);
            }
            boolean defective = f[2].equals("1");
            // a defective frame without a mask (an operator's confirmed defect, ultraline feedback export)
            // counts for the frame-level metrics only; DatasetEvaluation leaves it out of the pixel ones
            Path dir = root.resolve("test");
            Path parts = columns == 4 && !f[3].isEmpty() ? dir.resolve(f[3]) : null;
            test.add(new TestFrame(
                    f[0], dir.resolve(f[0]), f[1].isEmpty() ? null : dir.resolve(f[1]), defective, parts));
        }
        return new LabelledDataset(root, calibration, test);
    }

    public Path root() {
        return root;
    }

    public List<Path> calibration() {
        return calibration;
    }

    /** The calibration frames, read in order. */
    public List<RgbImage> calibrationImages() throws IOException {
        List<RgbImage> out = new java.util.ArrayList<>(calibration.size());
        for (Path p : calibration) {
            out.add(readImage(p));
        }
        return out;
    }

    public List<TestFrame> test() {
        return test;
    }

    public static RgbImage readImage(Path p) throws IOException {
        return RgbImage.of(ImageFiles.read(p));
    }

    /** Whether any test frame has part ids. */
    public boolean hasParts() {
        return test.stream().anyMatch(t -> t.partsPath() != null);
    }

    /** Part ids of a parts image: the first channel of every pixel, row-major. */
    public static int[] readParts(Path p, int width, int height) throws IOException {
        BufferedImage m = ImageFiles.read(p);
        if (m.getWidth() != width || m.getHeight() != height) {
            throw new IOException("parts image " + p + " is " + m.getWidth() + "x" + m.getHeight() + ", its image "
                    + width + "x" + height);
        }
        int[] out = new int[width * height];
        m.getRaster().getSamples(0, 0, width, height, 0, out);
        return out;
    }

    /** Nonzero pixels of a mask image (any channel count) as a row-major boolean array. */
    public static boolean[] readMask(Path p, int width, int height) throws IOException {
        BufferedImage m = ImageFiles.read(p);
        if (m.getWidth() != width || m.getHeight() != height) {
            throw new IOException(
                    "mask " + p + " is " + m.getWidth() + "x" + m.getHeight() + ", its image " + width + "x" + height);
        }
        boolean[] out = new boolean[width * height];
        var raster = m.getRaster();
        int[] px = new int[raster.getNumBands()];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.getPixel(x, y, px);
                for (int v : px) {
                    if (v != 0) {
                        out[y * width + x] = true;
                        break;
                    }
                }
            }
        }
        return out;
    }
}
