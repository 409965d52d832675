package io.ultraline.defect;

import java.util.Arrays;
import java.util.List;

/**
 * The raw-pixel memory of a camera: 8 x 8 RGB patches (stride 4) of its good frames at the model's
 * input size, projected onto their leading principal axes and reduced by greedy coreset selection,
 * so that a patch scores its distance to the nearest normal patch (PatchCore's rule on pixels).
 *
 * <p>Why it exists: on surfaces a small model never saw, its tokens miss colour and fine-texture
 * departures that raw pixels show plainly (docs/evaluation.md measured raw pixels ahead of the
 * default model's image AUROC on 7 of 13 datasets). The profile keeps this bank next to the token
 * bank and the frame score takes the mean of the two channels, each over its own calibrated
 * threshold ({@link AppearanceChannel}).
 *
 * <p>Inputs are model inputs: row-major interleaved RGB in [0, 1], {@code imageSize} square.
 * Immutable and thread-safe.
 */
public final class AppearanceBank {

    /** Patch side in pixels. */
    public static final int PATCH = 8;
    /** Patch stride in pixels. */
    public static final int STRIDE = 4;

    /**
     * Most patches the coreset chooses from; more are thinned to evenly spaced ones first. The
     * greedy coreset costs candidates x bank size, and a 500-frame calibration at 128 px has
     * 480,000 patches; 40 frames (38,440) are never thinned.
     */
    public static final int MAX_CANDIDATES = 40_000;

    /** Scores of one frame: its highest patch, and the pixel map at the bank's image size. */
    public record Scores(float frameScore, float[] pixelScores) {}

    private final int imageSize;
    private final PatchGrid grid;
    private final PrincipalAxes axes;
    private final float[] rows;
    private final PatchKdTree tree;

    private AppearanceBank(int imageSize, PrincipalAxes axes, float[] rows) {
        this.imageSize = imageSize;
        this.grid = new PatchGrid(imageSize, imageSize, PATCH, STRIDE);
        if (axes.dim() != grid.dim()) {
            throw new IllegalArgumentException("axes of dimension " + axes.dim() + " do not fit " + PATCH + " x "
                    + PATCH + " RGB patches (" + grid.dim() + ")");
        }
        this.axes = axes;
        this.rows = rows;
        this.tree = new PatchKdTree(rows, axes.components());
    }

    /** A bank read back from storage: the projection and its projected patches (copied). */
    public static AppearanceBank of(int imageSize, PrincipalAxes axes, float[] rows) {
        MemoryBank.requireTokens(rows, axes.components(), "appearance bank");
        return new AppearanceBank(imageSize, axes, rows.clone());
    }

    /** The principal axes of every patch of {@code frames}, each {@code imageSize} square. */
    public static PrincipalAxes axesOf(List<float[]> frames, int imageSize, int components) {
        return PrincipalAxes.of(patches(frames, new PatchGrid(imageSize, imageSize, PATCH, STRIDE)), PATCH * PATCH * 3)
                .leading(components);
    }

    /** The coreset of at most {@code maxPatches} of the frames' patches, under {@code axes}. */
    public static AppearanceBank fit(
            List<float[]> frames, int imageSize, PrincipalAxes axes, int maxPatches, long seed) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("an appearance bank needs at least one frame");
        }
        PatchGrid grid = new PatchGrid(imageSize, imageSize, PATCH, STRIDE);
        int k = axes.components();
        float[] projected = evenlySpaced(project(patches(frames, grid), grid.dim(), axes), k, MAX_CANDIDATES);
        // no random projection: the principal axes already keep the coreset's search small
        CoresetSelector.Coreset coreset = new CoresetSelector(maxPatches, 0, seed).select(projected, k);
        return new AppearanceBank(imageSize, axes, CoresetSelector.gather(projected, k, coreset));
    }

    /** Every patch of one quantised model input, projected as the bank's rows are (for adding a normal frame). */
    public float[] projectedPatches(byte[] rgb) {
        if (rgb.length != imageSize * imageSize * 3) {
            throw new IllegalArgumentException("expected a " + imageSize + " x " + imageSize + " RGB input ("
                    + imageSize * imageSize * 3 + " bytes), got " + rgb.length + " bytes");
        }
        return project(patches(List.of(expand(rgb)), grid), grid.dim(), axes);
    }

    /** Scores one model input. */
    public Scores score(float[] modelInput) {
        return score(modelInput, 0f);
    }

    /**
     * Scores one model input, with patch distances exact only from {@code closeEnough} up (see
     * {@link PatchKdTree#patchDistances(PatchGrid, PrincipalAxes, float[], float)}).
     */
    public Scores score(float[] modelInput, float closeEnough) {
        float[] patchScores = tree.patchDistances(grid, axes, modelInput, closeEnough);
        float max = 0f;
        for (float d : patchScores) {
            max = Math.max(max, d);
        }
        return new Scores(max, grid.maxOverCovering(patchScores));
    }

    /**
     * A model input as 8-bit RGB, the form calibration keeps and scoring uses, so that a profile
     * rebuilt from stored calibration frames equals the one built live.
     */
    public static byte[] quantise(float[] modelInput) {
        byte[] out = new byte[modelInput.length];
        for (int i = 0; i < out.length; i++) {
            // Math.round of the clamped value times 255, exactly: the double sum is exact and
            // positive, so truncating it is the floor. Math.round and the float Math.min and max
            // are slow on JDK 17, and this runs for every value of every frame.
            float v = modelInput[i];
            float clamped = v < 0f ? 0f : (v > 1f ? 1f : v);
            out[i] = (byte) (int) ((double) (clamped * 255f) + 0.5);
        }
        for (int i = 0; i < out.length; i++) {
            float v = modelInput[i];
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("model input value " + i + " is not finite: " + v);
            }
        }
        return out;
    }

    /** The floats in [0, 1] of a {@link #quantise quantised} input. */
    public static float[] expand(byte[] rgb) {
        float[] out = new float[rgb.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (rgb[i] & 0xff) / 255f;
        }
        return out;
    }

    /** Scores one quantised model input. */
    public Scores score(byte[] rgb) {
        return score(rgb, 0f);
    }

    /** As {@link #score(float[], float)} for a quantised model input. */
    public Scores score(byte[] rgb, float closeEnough) {
        if (rgb.length != imageSize * imageSize * 3) {
            throw new IllegalArgumentException("expected a " + imageSize + " x " + imageSize + " RGB input ("
                    + imageSize * imageSize * 3 + " bytes), got " + rgb.length + " bytes");
        }
        return score(expand(rgb), closeEnough);
    }

    /** Side of the square model input the bank was built at. */
    public int imageSize() {
        return imageSize;
    }

    public PrincipalAxes axes() {
        return axes;
    }

    /** Patches kept. */
    public int size() {
        return rows.length / axes.components();
    }

    /** The projected patches, row-major {@code size() x axes().components()} (a copy). */
    public float[] rows() {
        return rows.clone();
    }

    private static float[] patches(List<float[]> frames, PatchGrid grid) {
        int per = grid.count();
        float[] out = new float[Math.multiplyExact(frames.size(), per * grid.dim())];
        for (int f = 0; f < frames.size(); f++) {
            grid.extractAll(frames.get(f), out, f * per);
        }
        return out;
    }

    /** At most {@code max} of the rows, evenly spaced, in order. */
    static float[] evenlySpaced(float[] rows, int dim, int max) {
        int n = rows.length / dim;
        if (n <= max) {
            return rows;
        }
        float[] out = new float[max * dim];
        for (int i = 0; i < max; i++) {
            System.arraycopy(rows, (int) ((long) i * n / max) * dim, out, i * dim, dim);
        }
        return out;
    }

    private static float[] project(float[] patches, int dim, PrincipalAxes axes) {
        return axes.rotateRows(patches, patches.length / dim);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AppearanceBank that
                && imageSize == that.imageSize
                && Arrays.equals(axes.mean(), that.axes.mean())
                && Arrays.equals(axes.axes(), that.axes.axes())
                && Arrays.equals(rows, that.rows);
    }

    @Override
    public int hashCode() {
        return 31 * imageSize + Arrays.hashCode(rows);
    }
}
