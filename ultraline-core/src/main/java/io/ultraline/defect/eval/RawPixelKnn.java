package io.ultraline.defect.eval;

import io.ultraline.defect.PatchGrid;
import io.ultraline.defect.PatchKdTree;
import io.ultraline.defect.PrincipalAxes;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The network-free anchor for detection figures: PatchCore's scoring rule with raw pixels as the
 * features. The memory bank holds every {@code patch x patch} RGB patch (stride {@code stride})
 * of the good frames; a test patch scores its Euclidean distance to the nearest bank patch
 * (k = 1, exact); a frame scores its highest patch; a pixel scores the highest patch that covers
 * it (max rather than mean, so one odd patch marks its whole footprint, as a defect would).
 *
 * <p>Images are row-major interleaved RGB {@code float[width * height * 3]}, all of one size.
 * Patches start every {@code stride} pixels, plus one flush with the right and bottom edges when
 * the stride does not reach them, so every pixel is covered.
 *
 * <p>Speed, with the result still exact: patches are rotated onto the bank's principal axes
 * ({@link PrincipalAxes}; distances do not change) and searched in a k-d tree
 * ({@link PatchKdTree}) that skips cells whose distance bound passes the best distance found.
 * Test frames are scored in parallel. Immutable and thread-safe.
 */
public final class RawPixelKnn {

    /** Scores of one frame: its image score and its row-major pixel map at the bank's image size. */
    public record Scores(float imageScore, float[] pixelScores) {}

    private final PatchGrid grid;
    private final PrincipalAxes axes;
    private final PatchKdTree bank;

    private RawPixelKnn(PatchGrid grid, PrincipalAxes axes, PatchKdTree bank) {
        this.grid = grid;
        this.axes = axes;
        this.bank = bank;
    }

    /** A bank of all patches of the good frames. */
    public static RawPixelKnn fit(List<float[]> goodFrames, int width, int height, int patch, int stride) {
        if (goodFrames.isEmpty()) {
            throw new IllegalArgumentException("the pixel baseline needs at least one good frame");
        }
        PatchGrid grid = new PatchGrid(width, height, patch, stride);
        int per = grid.count();
        int dim = grid.dim();
        float[] patches = new float[goodFrames.size() * per * dim];
        for (int f = 0; f < goodFrames.size(); f++) {
            grid.extractAll(goodFrames.get(f), patches, f * per);
        }
        PrincipalAxes axes = PrincipalAxes.of(patches, dim);
        float[] rotated = new float[patches.length];
        IntStream.range(0, goodFrames.size()).parallel().forEach(f -> {
            float[] scratch = new float[dim];
            for (int i = f * per; i < (f + 1) * per; i++) {
                axes.rotate(patches, i * dim, rotated, i * dim, scratch);
            }
        });
        return new RawPixelKnn(grid, axes, new PatchKdTree(rotated, dim));
    }

    public int bankSize() {
        return bank.size();
    }

    /** Scores of one frame (distances, so 0 for a patch that occurs in the bank). */
    public Scores score(float[] frame) {
        float[] patchScores = bank.patchDistances(grid, axes, frame);
        float max = 0;
        for (float d : patchScores) {
            max = Math.max(max, d);
        }
        return new Scores(max, grid.maxOverCovering(patchScores));
    }

    /** Scores of many frames, in their order, using all cores. */
    public List<Scores> scoreAll(List<float[]> frames) {
        return IntStream.range(0, frames.size())
                .parallel()
                .mapToObj(i -> score(frames.get(i)))
                .toList();
    }
}
