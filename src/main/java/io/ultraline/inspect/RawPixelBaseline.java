package io.ultraline.inspect;

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
        int pixels = 0;
        for (int[] s : sizes) {
            pixels += s[0] * s[1];
        }
        float[] pixelScores = new float[pixels];
        boolean[] pixelTruth = new boolean[pixels];
        int at = 0;
        for (int i = 0; i < test.size(); i++) {
            LabelledDataset.TestFrame t = test.get(i);
            int w = sizes[i][0];
            int h = sizes[i][1];
            frameScores[i] = scores.get(i).imageScore();
            frameTruth[i] = t.defective();
            float[] map = scores.get(i).pixelScores();
            if (w != size || h != size) {
                // the same bilinear mapping the model's token scores take, with one cell per input pixel
                map = PixelScoreMap.bilinear(map, size, size, w, h);
            }
            System.arraycopy(map, 0, pixelScores, at, w * h);
            if (t.maskPath() != null) {
                System.arraycopy(LabelledDataset.readMask(t.maskPath(), w, h), 0, pixelTruth, at, w * h);
            }
            at += w * h;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("baseline_pixels_image_auroc", Auroc.of(frameScores, frameTruth));
        m.put("baseline_pixels_pixel_auroc", Auroc.of(pixelScores, pixelTruth));
        m.put("baseline_pixels_bank_size", knn.bankSize());
        m.put("baseline_pixels_seconds", (System.nanoTime() - start) / 1e9);
        return m;
    }

    private float[] resized(RgbImage frame) {
        return Resize.to(frame, size, size).pixels();
    }
}
