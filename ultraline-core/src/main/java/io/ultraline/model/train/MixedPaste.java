package io.ultraline.model.train;

import io.ultraline.frame.RgbImage;
import java.util.SplittableRandom;

/**
 * The positives of the {@link PasteMode#MIXED} pretext. The shipped pretext pastes only content
 * from another frame, so a token can solve it by spotting a foreign texture; the defects the model
 * misses are the surface's own kind of content in the wrong place (a board part where none belongs)
 * or smooth and faint changes of it (a hole's dark disc, a stain, a particle in grain). So half the
 * pastes move content of the same frame to another place, the rest come from another frame; the
 * outline is a rectangle, a scar at any angle or a disc; and the content may be recoloured, blurred
 * smooth or blended in translucently. A pixel counts as pasted only where the paste visibly changed
 * it, so an invisible paste (plain paint moved onto plain paint) is no positive.
 */
final class MixedPaste {

    /** Smallest change of a channel that makes a pixel count as pasted. */
    static final float VISIBLE = 0.03f;

    static final int MIN_SIZE = 80;

    /** What one call did, for tests: where from and to, and whether the content kept its look. */
    record Placed(
            PasteFootprint.Shape shape, boolean sameFrame, int fromX, int fromY, int toX, int toY, boolean plain) {}

    private record Look(float[] gain, float offset, int blur, float alpha) {
        boolean plain() {
            return gain[0] == 1 && gain[1] == 1 && gain[2] == 1 && offset == 0 && blur == 0 && alpha == 1;
        }
    }

    private final int size;

    MixedPaste(int size) {
        if (size < MIN_SIZE) {
            throw new IllegalArgumentException("mixed pastes need frames of at least " + MIN_SIZE
                    + " px (scars are up to 68 px long), got " + size);
        }
        this.size = size;
    }

    /** Pastes into {@code img} (size x size, RGB) and marks the visibly changed pixels in {@code mask}. */
    Placed paste(float[] img, boolean[] mask, RgbImage other, SplittableRandom random) {
        boolean same = random.nextBoolean();
        PasteFootprint f = PasteFootprint.draw(PasteFootprint.Shape.values()[random.nextInt(3)], random);
        float[] src = same ? img.clone() : other.pixels();
        int srcW = same ? size : other.width();
        int srcH = same ? size : other.height();
        if (f.width() > srcW || f.height() > srcH) {
            throw new IllegalArgumentException("source frame " + srcW + "x" + srcH + " is smaller than the paste");
        }
        int dx = random.nextInt(size - f.width() + 1);
        int dy = random.nextInt(size - f.height() + 1);
        int sx;
        int sy;
        int tries = 0;
        do {
            sx = random.nextInt(srcW - f.width() + 1);
            sy = random.nextInt(srcH - f.height() + 1);
            // the same frame's content at (nearly) the same place would be no paste at all
        } while (same && Math.max(Math.abs(sx - dx), Math.abs(sy - dy)) < size / 8 && ++tries < 32);
        Look look = look(random);
        float[] piece = cut(src, srcW, sx, sy, f, look);
        for (int y = 0; y < f.height(); y++) {
            for (int x = 0; x < f.width(); x++) {
                if (!f.covers(x, y)) {
                    continue;
                }
                int d = ((dy + y) * size + dx + x) * 3;
                int p = (y * f.width() + x) * 3;
                float change = 0;
                for (int ch = 0; ch < 3; ch++) {
                    float v = look.alpha() * piece[p + ch] + (1 - look.alpha()) * img[d + ch];
                    change = Math.max(change, Math.abs(v - img[d + ch]));
                    img[d + ch] = v;
                }
                if (change > VISIBLE) {
                    mask[d / 3] = true;
                }
            }
        }
        return new Placed(f.shape(), same, sx, sy, dx, dy, look.plain());
    }

    private static Look look(SplittableRandom random) {
        float[] gain = {1, 1, 1};
        float offset = 0;
        if (random.nextDouble() < 0.6) {
            double g = 0.45 + 1.1 * random.nextDouble();
            for (int ch = 0; ch < 3; ch++) {
                gain[ch] = (float) (g * (0.85 + 0.3 * random.nextDouble()));
            }
            offset = (float) (0.1 * (random.nextDouble() - 0.5));
        }
        int blur = random.nextDouble() < 0.3 ? 1 + random.nextInt(3) : 0;
        float alpha = random.nextDouble() < 0.3 ? (float) (0.35 + 0.45 * random.nextDouble()) : 1f;
        return new Look(gain, offset, blur, alpha);
    }

    /** The footprint's box cut from the source, recoloured and box-blurred, clamped to [0, 1]. */
    private static float[] cut(float[] src, int srcW, int sx, int sy, PasteFootprint f, Look look) {
        int w = f.width();
        int h = f.height();
        float[] piece = new float[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int ch = 0; ch < 3; ch++) {
                    float v = src[((sy + y) * srcW + sx + x) * 3 + ch] * look.gain()[ch] + look.offset();
                    piece[(y * w + x) * 3 + ch] = Math.max(0, Math.min(1, v));
                }
            }
        }
        return look.blur() == 0 ? piece : boxBlur(piece, w, h, look.blur());
    }

    private static float[] boxBlur(float[] px, int w, int h, int r) {
        float[] out = new float[px.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int ch = 0; ch < 3; ch++) {
                    float sum = 0;
                    int n = 0;
                    for (int yy = Math.max(0, y - r); yy <= Math.min(h - 1, y + r); yy++) {
                        for (int xx = Math.max(0, x - r); xx <= Math.min(w - 1, x + r); xx++) {
                            sum += px[(yy * w + xx) * 3 + ch];
                            n++;
                        }
                    }
                    out[(y * w + x) * 3 + ch] = sum / n;
                }
            }
        }
        return out;
    }
}
