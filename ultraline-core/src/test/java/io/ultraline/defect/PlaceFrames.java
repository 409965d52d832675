package io.ultraline.defect;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Scoring tokens of synthetic good frames: every place has its own look (a Gaussian mean, spread
 * 3), and a frame's token is a look plus noise (spread 0.1). On a fixed design each place shows its
 * own look; on a random surface each place shows the look of a place drawn anew per frame.
 */
final class PlaceFrames {

    private final int places;
    private final int dim;
    private final float[] looks;

    PlaceFrames(int places, int dim, long seed) {
        this.places = places;
        this.dim = dim;
        this.looks = new float[places * dim];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < looks.length; i++) {
            looks[i] = (float) (3 * r.nextGaussian());
        }
    }

    /** {@code count} frames of a fixed design. */
    List<float[]> fixed(int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<float[]> out = new ArrayList<>();
        for (int f = 0; f < count; f++) {
            float[] frame = new float[places * dim];
            for (int p = 0; p < places; p++) {
                put(frame, p, p, r);
            }
            out.add(frame);
        }
        return out;
    }

    /** {@code count} frames of a random surface: the same looks, at places drawn anew. */
    List<float[]> random(int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<float[]> out = new ArrayList<>();
        for (int f = 0; f < count; f++) {
            float[] frame = new float[places * dim];
            for (int p = 0; p < places; p++) {
                put(frame, p, r.nextInt(places), r);
            }
            out.add(frame);
        }
        return out;
    }

    /** A good fixed-design frame with place {@code at} showing the look of place {@code from}. */
    float[] misplaced(int at, int from, long seed) {
        float[] frame = fixed(1, seed).get(0);
        put(frame, at, from, new SplittableRandom(seed + 1));
        return frame;
    }

    private void put(float[] frame, int place, int look, SplittableRandom r) {
        for (int d = 0; d < dim; d++) {
            frame[place * dim + d] = looks[look * dim + d] + (float) (0.1 * r.nextGaussian());
        }
    }
}
