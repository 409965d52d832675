package io.ultraline.bench;

import io.ultraline.avro.ImageEncoding;
import io.ultraline.frame.ImageFiles;
import io.ultraline.frame.RgbImage;
import io.ultraline.synth.CameraSetup;
import io.ultraline.synth.DefectType;
import io.ultraline.synth.FrameGenerator;
import io.ultraline.synth.MaterialFamily;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The benchmark's frames: per camera (each its own material and set-up) a pool of encoded
 * synthetic frames, mostly good with a share {@code defectRate} defective (spread evenly through
 * the pool), plus good frames for calibration. Generated once, so the measured loops do no
 * rendering. The pipeline benchmark uses PNG with every {@value #DEFECT_EVERY}th frame defective unless
 * told another rate;
 * the load test chooses camera ids, encoding and defect rate from its scenario.
 */
public final class BenchFrames {

    static final int DEFECT_EVERY = 10;
    private static final DefectType[] DEFECTS = DefectType.values();

    private final List<String> cameraIds;
    private final List<List<byte[]>> encoded = new ArrayList<>();
    private final List<List<RgbImage>> images = new ArrayList<>();
    private final List<List<byte[]>> calibration = new ArrayList<>();
    private final int size;
    private final ImageEncoding encoding;

    BenchFrames(int cameras, int size, int perCamera, int calibrationFrames) {
        this(cameras, size, perCamera, calibrationFrames, 1.0 / DEFECT_EVERY);
    }

    BenchFrames(int cameras, int size, int perCamera, int calibrationFrames, double defectRate) {
        this(defaultIds(cameras), size, perCamera, calibrationFrames, defectRate, ImageEncoding.PNG);
    }

    /**
     * @param cameraIds         one id per camera (the record key)
     * @param size              frame side in pixels
     * @param perCamera         frames in each camera's pool
     * @param calibrationFrames good frames per camera for calibration
     * @param defectRate        share of defective frames in the pool, in [0, 1]
     * @param encoding          PNG, JPEG or RGB8
     */
    public BenchFrames(
            List<String> cameraIds,
            int size,
            int perCamera,
            int calibrationFrames,
            double defectRate,
            ImageEncoding encoding) {
        if (cameraIds.isEmpty() || size < 8 || perCamera < 1 || calibrationFrames < 0) {
            throw new IllegalArgumentException(
                    "need cameras, size >= 8, a pool of at least one frame, calibration >= 0");
        }
        if (!(defectRate >= 0 && defectRate <= 1)) {
            throw new IllegalArgumentException("defect rate must be in [0, 1], got " + defectRate);
        }
        if (encoding != ImageEncoding.PNG && encoding != ImageEncoding.JPEG && encoding != ImageEncoding.RGB8) {
            throw new IllegalArgumentException("frames can be PNG, JPEG or RGB8, not " + encoding);
        }
        this.cameraIds = List.copyOf(cameraIds);
        this.size = size;
        this.encoding = encoding;
        FrameGenerator generator = new FrameGenerator();
        MaterialFamily[] families = MaterialFamily.firstSeven().toArray(MaterialFamily[]::new);
        for (int c = 0; c < cameraIds.size(); c++) {
            CameraSetup setup = CameraSetup.random(families[c % families.length], 1000 + c);
            List<byte[]> camEncoded = new ArrayList<>();
            List<RgbImage> camImages = new ArrayList<>();
            for (int i = 0; i < perCamera; i++) {
                BufferedImage image = defective(i, defectRate)
                        ? generator
                                .generate(setup, i, DEFECTS[(c + i) % DEFECTS.length], size)
                                .image()
                        : generator.good(setup, i, size).image();
                camEncoded.add(encode(image, encoding));
                camImages.add(RgbImage.of(image));
            }
            List<byte[]> camCalibration = new ArrayList<>();
            for (int i = 0; i < calibrationFrames; i++) {
                camCalibration.add(
                        encode(generator.good(setup, 100_000 + i, size).image(), encoding));
            }
            encoded.add(camEncoded);
            images.add(camImages);
            calibration.add(camCalibration);
        }
    }

    /** Whether pool frame {@code i} is defective: the i-th step crosses a multiple of 1 / rate. */
    static boolean defective(int i, double rate) {
        return Math.floor((i + 1) * rate + 1e-9) > Math.floor(i * rate + 1e-9);
    }

    private static List<String> defaultIds(int cameras) {
        List<String> ids = new ArrayList<>();
        for (int c = 0; c < cameras; c++) {
            ids.add("cam-" + c);
        }
        return ids;
    }

    public int cameras() {
        return cameraIds.size();
    }

    public int size() {
        return size;
    }

    public ImageEncoding encoding() {
        return encoding;
    }

    public String cameraId(int camera) {
        return cameraIds.get(camera);
    }

    /** The {@code n}th frame of a camera, cycling through its pool, encoded as {@link #encoding()}. */
    public byte[] png(int camera, long n) {
        List<byte[]> pool = encoded.get(camera);
        return pool.get((int) (n % pool.size()));
    }

    List<RgbImage> images(int camera) {
        return images.get(camera);
    }

    public List<byte[]> calibration(int camera) {
        return calibration.get(camera);
    }

    private static byte[] encode(BufferedImage image, ImageEncoding encoding) {
        if (encoding == ImageEncoding.RGB8) {
            byte[] raw = new byte[image.getWidth() * image.getHeight() * 3];
            int k = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    int rgb = image.getRGB(x, y);
                    raw[k++] = (byte) (rgb >> 16);
                    raw[k++] = (byte) (rgb >> 8);
                    raw[k++] = (byte) rgb;
                }
            }
            return raw;
        }
        if (encoding == ImageEncoding.PNG) {
            return ImageFiles.pngBytes(image);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "jpeg", out)) {
                throw new IllegalStateException("no ImageIO writer for JPEG");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
