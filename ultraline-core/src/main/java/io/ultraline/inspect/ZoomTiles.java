package io.ultraline.inspect;

import io.ultraline.defect.AppearanceBank;
import io.ultraline.frame.Resize;
import io.ultraline.frame.RgbImage;
import io.ultraline.model.ModelOutput;
import io.ultraline.model.runtime.ModelRunner;
import java.util.ArrayList;
import java.util.List;

/**
 * The tile tokens a {@link io.ultraline.defect.ZoomChannel} scores: the frame as the model saw it
 * (its 8-bit model input, what the calibration store keeps and an audit replays), enlarged
 * {@code scale} times and cut into {@code scale x scale} model-sized tiles, row-major, each tile's
 * plain-view tokens. All tiles of a batch of frames go through the model in one call.
 */
final class ZoomTiles {

    private ZoomTiles() {}

    /**
     * Per model input, its tiles' tokens: {@code scale * scale * N * dim} floats.
     *
     * @param modelInputs frames as the model saw them, 8-bit RGB at the model's size
     */
    static List<float[]> tokens(ModelRunner runner, List<byte[]> modelInputs, int scale) {
        int side = runner.config().imageSize();
        int per = runner.pixelsPerFrame();
        int tiles = scale * scale;
        float[] input = new float[Math.multiplyExact(modelInputs.size() * tiles, per)];
        for (int i = 0; i < modelInputs.size(); i++) {
            float[] seen = AppearanceBank.expand(modelInputs.get(i));
            if (seen.length != per) {
                throw new IllegalArgumentException(
                        "a model input of " + seen.length / 3 + " pixels, the model takes " + side + " x " + side);
            }
            RgbImage big = Resize.to(new RgbImage(side, side, seen), side * scale, side * scale);
            for (int t = 0; t < tiles; t++) {
                crop(big, (t % scale) * side, (t / scale) * side, side, input, (i * tiles + t) * per);
            }
        }
        List<ModelOutput> out = runner.tokens(input, modelInputs.size() * tiles);
        List<float[]> frames = new ArrayList<>(modelInputs.size());
        for (int i = 0; i < modelInputs.size(); i++) {
            int length = out.get(i * tiles).tokens().length;
            float[] all = new float[tiles * length];
            for (int t = 0; t < tiles; t++) {
                System.arraycopy(out.get(i * tiles + t).tokens(), 0, all, t * length, length);
            }
            frames.add(all);
        }
        return frames;
    }

    private static void crop(RgbImage img, int x0, int y0, int side, float[] out, int offset) {
        for (int y = 0; y < side; y++) {
            System.arraycopy(img.pixels(), ((y0 + y) * img.width() + x0) * 3, out, offset + y * side * 3, side * 3);
        }
    }
}
