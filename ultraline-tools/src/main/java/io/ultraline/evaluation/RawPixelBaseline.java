package io.ultraline.evaluation;

import io.ultraline.defect.PixelScoreMap;
import io.ultraline.defect.eval.Auroc;
import io.ultraline.defect.eval.RawPixelKnn;
import io.ultraline.frame.Resize;
import io.ultraline.frame.RgbImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures a model has to beat on a dataset: {@link RawPixelKnn} (8 x 8 RGB patches, stride 4,
 * exact 1-NN against every patch of the calibration frames) at the model's input size, with image
 * and pixel AUROC computed as {@link DatasetEvaluation} computes the model's. Frames are resized
 * as the model sees them; the pixel map is resized back to each frame's own size (bilinear) to
 * meet its mask, as the model's token scores are.
 */
public final class RawPixelBaseline {

    public static final int PATCH = 8;
    public static final int STRIDE = 4;

    private final int size;

    /** size: the model's square input size in pixels. */
    public RawPixelBaseline(int size) {
        if (size < PATCH) {
            throw new IllegalArgumentException("input size " + size + " is smaller than the " + PATCH + " px patch");
        }
        this.size = size;
    }

    /** baseline_pixels_image_auroc, baseline_pixels_pixel_auroc, _bank_size and _seconds (wall clock, all of it). */
    public Map<String, Object> evaluate(LabelledDataset data) throws IOException {
        long start = System.nanoTime();
        List<float[]> good = new ArrayList<>();
        for (var p : data.calibration()) {
            good.add(resized(LabelledDataset.readImage(p)));
        }
        RawPixelKnn knn = RawPixelKnn.fit(good, size, size, PATCH, STRIDE);
        List<LabelledDataset.TestFrame> test = data.test();
        List<float[]> inputs = new ArrayList<>();
        int[][] sizes = new int[test.size()][];
        for (int i = 0; i < test.size(); i++) {
            RgbImage img = LabelledDataset.readImage(test.get(i).imagePath());
            sizes[i] = new int[] {img.width(), img.height()};
            inputs.add(resized(img));
        }
        List<RawPixelKnn.Scores> scores = knn.scoreAll(inputs);
        float[] frameScores = new float[test.size()];
        boolean[] frameTruth = new boolean[test.size()];
        // a defective frame without a mask (operator feedback) has no pixel truth: frame metrics only
        java.util.List<float[]> pixelScoreParts = new java.util.ArrayList<>();
        java.util.List<boolean[]> pixelTruthParts = new java.util.ArrayList<>();
        boolean anyDefectPixel = false;
        for (int i = 0; i < test.size(); i++) {
            LabelledDataset.TestFrame t = test.get(i);
            int w = sizes[i][0];
            int h = sizes[i][1];
            frameScores[i] = scores.get(i).imageScore();
            frameTruth[i] = t.defective();
            if (t.defective() && t.maskPath() == null) {
                continue;
            }
            float[] map = scores.get(i).pixelScores();
            if (w != size || h != size) {
                // the same bilinear mapping the model's token scores take, with one cell per input pixel
                map = PixelScoreMap.bilinear(map, size, size, w, h);
            }
            boolean[] truth = t.maskPath() == null ? new boolean[w * h] : LabelledDataset.readMask(t.maskPath(), w, h);
            for (boolean b : truth) {
                anyDefectPixel |= b;
            }
            pixelScoreParts.add(java.util.Arrays.copyOf(map, w * h));
            pixelTruthParts.add(truth);
        }
        int defective = 0;
        for (boolean d : frameTruth) {
            defective += d ? 1 : 0;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(
                "baseline_pixels_image_auroc",
                defective > 0 && defective < frameTruth.length ? Auroc.of(frameScores, frameTruth) : null);
        m.put(
                "baseline_pixels_pixel_auroc",
                anyDefectPixel ? Auroc.of(concatScores(pixelScoreParts), concatTruth(pixelTruthParts)) : null);
        m.put("baseline_pixels_bank_size", knn.bankSize());
        m.put("baseline_pixels_seconds", (System.nanoTime() - start) / 1e9);
        return m;
    }

    private static float[] concatScores(java.util.List<float[]> parts) {
        float[] out = new float[parts.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static boolean[] concatTruth(java.util.List<boolean[]> parts) {
        boolean[] out = new boolean[parts.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (boolean[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private float[] resized(RgbImage frame) {
        return Resize.to(frame, size, size).pixels();
    }
}
