package io.ultraline.defect;

import java.util.Arrays;
import java.util.List;

/**
 * The token bank of a camera that sees a fixed design (a circuit board, a woven pattern: the same
 * layout in every frame): for each place, the normal tokens seen at that place, so that a token is
 * compared only with what belongs where it is. A place is a token's index among a frame's scoring
 * tokens, that is its shifted view and grid cell. On the circuit board a hole looks like a chip
 * found elsewhere on the board but not like what belongs at its own place (docs/evaluation.md,
 * "Tokens by place inside the fused profile": image AUROC 0.786 to 0.888).
 *
 * <p>Storage. Each place keeps {@code perPlace} tokens (greedy coreset of that place's calibration
 * tokens), every component rounded to one of 256 even steps between that component's lowest and
 * highest value in the bank. At 8 bits a component a profile record holds four times the tokens it
 * holds in float32, and the gain needs them: 4 tokens a place kept none of it, 19 kept nearly all.
 *
 * <p>Immutable and thread-safe.
 */
public final class PlaceBank {

    private static final int LEVELS = 255;

    private final int places;
    private final int perPlace;
    private final int dim;
    private final float[] low;
    private final float[] step;
    private final byte[] codes;
    /** The decoded tokens, place-major: what every query is compared with. */
    private final float[] tokens;
    /** {@link #tokens} laid out for whole-bank searches, once something asks for them. */
    private volatile MemoryBank memory;

    private PlaceBank(int places, int perPlace, int dim, float[] low, float[] step, byte[] codes) {
        if (places < 1 || perPlace < 1 || dim < 1) {
            throw new IllegalArgumentException(
                    "a place bank needs places, tokens per place and a dimension of at least 1, got " + places + ", "
                            + perPlace + ", " + dim);
        }
        if (low.length != dim || step.length != dim || codes.length != (long) places * perPlace * dim) {
            throw new IllegalArgumentException("a place bank of " + places + " x " + perPlace + " tokens of dimension "
                    + dim + " needs " + dim + " offsets and steps and " + (long) places * perPlace * dim
                    + " codes, got " + low.length + ", " + step.length + " and " + codes.length);
        }
        for (int d = 0; d < dim; d++) {
            if (!Float.isFinite(low[d]) || !(step[d] >= 0f) || !Float.isFinite(step[d])) {
                throw new IllegalArgumentException("component " + d + " has offset " + low[d] + " and step " + step[d]
                        + "; both must be finite, the step >= 0");
            }
        }
        this.places = places;
        this.perPlace = perPlace;
        this.dim = dim;
        this.low = low.clone();
        this.step = step.clone();
        this.codes = codes.clone();
        this.tokens = new float[codes.length];
        for (int i = 0; i < codes.length; i++) {
            int d = i % dim;
            tokens[i] = low[d] + (codes[i] & 0xff) * step[d];
        }
    }

    /** A bank from its stored parts (as {@link ProfileCodec} reads them); copies them. */
    public static PlaceBank of(int places, int perPlace, int dim, float[] low, float[] step, byte[] codes) {
        return new PlaceBank(places, perPlace, dim, low, step, codes);
    }

    /**
     * Calibrates a bank from good frames' scoring tokens, all of the same length.
     *
     * @param perPlace tokens kept a place, at most; fewer frames give as many tokens a place
     * @param seed seed of the coreset's projection
     */
    public static PlaceBank fit(List<float[]> frames, int dim, int perPlace, long seed) {
        if (frames.isEmpty() || perPlace < 1) {
            throw new IllegalArgumentException("a place bank needs at least one frame and one token a place");
        }
        int length = frames.get(0).length;
        for (float[] f : frames) {
            MemoryBank.requireTokens(f, dim, "place bank frame");
            if (f.length != length) {
                throw new IllegalArgumentException("frames of a place bank must have as many tokens as each other, got "
                        + length / dim + " and " + f.length / dim);
            }
        }
        int places = length / dim;
        int kept = Math.min(perPlace, frames.size());
        float[] rows = new float[places * kept * dim];
        CoresetSelector selector = new CoresetSelector(kept, CoresetSelector.DEFAULT_PROJECTION_DIM, seed);
        float[] seen = new float[frames.size() * dim];
        for (int p = 0; p < places; p++) {
            for (int f = 0; f < frames.size(); f++) {
                System.arraycopy(frames.get(f), p * dim, seen, f * dim, dim);
            }
            float[] chosen = CoresetSelector.gather(seen, dim, selector.select(seen, dim));
            int count = chosen.length / dim;
            for (int j = 0; j < kept; j++) {
                // a place whose tokens the coreset found fewer of repeats its last: same distances
                System.arraycopy(chosen, Math.min(j, count - 1) * dim, rows, (p * kept + j) * dim, dim);
            }
        }
        return quantised(rows, places, kept, dim);
    }

    /** Rounds place-major float tokens to 8 bits a component over each component's range. */
    static PlaceBank quantised(float[] rows, int places, int perPlace, int dim) {
        float[] low = new float[dim];
        float[] step = new float[dim];
        for (int d = 0; d < dim; d++) {
            float lo = Float.POSITIVE_INFINITY;
            float hi = Float.NEGATIVE_INFINITY;
            for (int i = d; i < rows.length; i += dim) {
                lo = Math.min(lo, rows[i]);
                hi = Math.max(hi, rows[i]);
            }
            low[d] = lo;
            step[d] = (hi - lo) / LEVELS;
        }
        byte[] codes = new byte[rows.length];
        for (int i = 0; i < rows.length; i++) {
            int d = i % dim;
            codes[i] = (byte) (step[d] == 0f ? 0 : Math.min(LEVELS, Math.round((rows[i] - low[d]) / step[d])));
        }
        return new PlaceBank(places, perPlace, dim, low, step, codes);
    }

    /**
     * Distance from every token of one frame to the nearest bank token of its place.
     *
     * @param frame the frame's scoring tokens, {@code places * dim} floats
     */
    public float[] nearestDistances(float[] frame) {
        if (frame == null || frame.length != places * dim) {
            throw new IllegalArgumentException("a frame scored by place needs " + places + " tokens of dimension " + dim
                    + " (the calibration frames' views and grid), got "
                    + (frame == null ? "null" : frame.length + " floats"));
        }
        return nearestDistances(frame, 0);
    }

    /**
     * As {@link #nearestDistances(float[])} for a run of consecutive places: the tokens of some of a
     * frame's views (the plain view alone, or the shifted ones), the first at {@code firstPlace}.
     *
     * @throws IllegalArgumentException when the tokens do not fit the places from {@code firstPlace}
     */
    public float[] nearestDistances(float[] tokens, int firstPlace) {
        if (tokens == null || tokens.length % dim != 0 || firstPlace < 0 || firstPlace + tokens.length / dim > places) {
            throw new IllegalArgumentException("tokens from place " + firstPlace + " must be whole tokens of dimension "
                    + dim + " within the bank's " + places + " places, got "
                    + (tokens == null ? "null" : tokens.length + " floats"));
        }
        int count = tokens.length / dim;
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            int p = firstPlace + i;
            float best = Float.POSITIVE_INFINITY;
            for (int j = 0; j < perPlace; j++) {
                int b = (p * perPlace + j) * dim;
                float sum = 0f;
                for (int d = 0; d < dim; d++) {
                    float x = tokens[i * dim + d] - this.tokens[b + d];
                    sum += x * x;
                }
                best = Math.min(best, sum);
            }
            out[i] = (float) Math.sqrt(best);
        }
        return out;
    }

    /**
     * The bank with one more normal frame: at every place, the frame's token joins that place's
     * tokens and the place's coreset is taken again at the same size, then the whole bank is
     * rounded again. A pure function of the bank and the frame, so a revision replays bit for bit.
     */
    public PlaceBank withFrame(float[] frame, long seed) {
        nearestDistances(frame);
        float[] rows = new float[places * perPlace * dim];
        CoresetSelector selector = new CoresetSelector(perPlace, CoresetSelector.DEFAULT_PROJECTION_DIM, seed);
        float[] seen = new float[(perPlace + 1) * dim];
        for (int p = 0; p < places; p++) {
            System.arraycopy(tokens, p * perPlace * dim, seen, 0, perPlace * dim);
            System.arraycopy(frame, p * dim, seen, perPlace * dim, dim);
            float[] chosen = CoresetSelector.gather(seen, dim, selector.select(seen, dim));
            System.arraycopy(chosen, 0, rows, p * perPlace * dim, perPlace * dim);
        }
        return quantised(rows, places, perPlace, dim);
    }

    /** Every decoded token in one bank, for what needs the tokens without their places; built once. */
    public MemoryBank memoryBank() {
        MemoryBank bank = memory;
        if (bank == null) {
            // a benign race: two threads may each build the same immutable bank
            bank = MemoryBank.of(tokens, dim);
            memory = bank;
        }
        return bank;
    }

    /** Places (scoring tokens a frame). */
    public int places() {
        return places;
    }

    /** Tokens kept a place. */
    public int perPlace() {
        return perPlace;
    }

    /** Token dimension. */
    public int dim() {
        return dim;
    }

    /** Each component's lowest value (a copy). */
    public float[] low() {
        return low.clone();
    }

    /** Each component's step between codes (a copy). */
    public float[] step() {
        return step.clone();
    }

    /** The 8-bit codes, place-major, {@code places * perPlace * dim} (a copy). */
    public byte[] codes() {
        return codes.clone();
    }

    /** Encoded size in bytes: the codes and each component's offset and step. */
    public long encodedBytes() {
        return codes.length + 8L * dim;
    }

    /** Tokens a place that fit where {@code floatTokens} float32 tokens of dimension {@code dim} would. */
    static int perPlaceFitting(long floatTokens, int places, int dim) {
        long bytes = 4L * floatTokens * dim - 8L * dim;
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, bytes / ((long) places * dim)));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PlaceBank that
                && places == that.places
                && perPlace == that.perPlace
                && dim == that.dim
                && Arrays.equals(low, that.low)
                && Arrays.equals(step, that.step)
                && Arrays.equals(codes, that.codes);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(codes) + places;
    }

    @Override
    public String toString() {
        return "PlaceBank[" + places + " places x " + perPlace + " tokens x " + dim + ", 8 bits]";
    }
}
