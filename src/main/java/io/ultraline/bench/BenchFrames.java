package io.ultraline.bench;

import io.ultraline.frame.ImageFiles;
import io.ultraline.frame.RgbImage;
import io.ultraline.synth.CameraSetup;
import io.ultraline.synth.DefectType;
import io.ultraline.synth.FrameGenerator;
import io.ultraline.synth.MaterialFamily;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's frames: per camera (each its own material and set-up) a pool of PNG-encoded
 * synthetic frames, mostly good with every {@value #DEFECT_EVERY}th one defective, plus good
 * frames for calibration. Generated once, so the measured loops do no rendering.
 */
final class BenchFrames {

    static final int DEFECT_EVERY = 10;
    private static final DefectType[] DEFECTS = DefectType.values();

    private final List<List<byte[]>> pngs = new ArrayList<>();
    private final List<List<RgbImage>> images = new ArrayList<>();
    private final List<List<byte[]>> calibration = new ArrayList<>();
    private final int size;

    BenchFrames(int cameras, int size, int perCamera, int calibrationFrames) {
        this.size = size;
        FrameGenerator generator = new FrameGenerator();
        MaterialFamily[] families = MaterialFamily.values();
        for (int c = 0; c < cameras; c++) {
            CameraSetup setup = CameraSetup.random(families[c % families.length], 1000 + c);
            List<byte[]> camPngs = new ArrayList<>();
            List<RgbImage> camImages = new ArrayList<>();
            for (int i = 0; i < perCamera; i++) {
                BufferedImage image = i % DEFECT_EVERY == DEFECT_EVERY - 1
                        ? generator.generate(setup, i, DEFECTS[(c + i) % DEFECTS.length], size).image()
                        : generator.good(setup, i, size).image();
                camPngs.add(ImageFiles.pngBytes(image));
                camImages.add(RgbImage.of(image));
            }
            List<byte[]> camCalibration = new ArrayList<>();
            for (int i = 0; i < calibrationFrames; i++) {
                camCalibration.add(ImageFiles.pngBytes(generator.good(setup, 100_000 + i, size).image()));
            }
            pngs.add(camPngs);
            images.add(camImages);
            calibration.add(camCalibration);
        }
    }

    int cameras() {
        return pngs.size();
    }

    int size() {
        return size;
    }

    String cameraId(int camera) {
        return "cam-" + camera;
    }

    /** The {@code n}th frame of a camera, cycling through its pool. */
    byte[] png(int camera, long n) {
        List<byte[]> pool = pngs.get(camera);
        return pool.get((int) (n % pool.size()));
    }

    List<RgbImage> images(int camera) {
        return images.get(camera);
    }

    List<byte[]> calibration(int camera) {
        return calibration.get(camera);
    }

}
