package io.ultraline.ultra;

import java.util.Locale;

/**
 * How a frame's concept labels reach its pixels: {@link #PIXEL}, the default, refines the pixels of
 * boundary cells by the frame's own colours ({@link PixelRefinement}); {@link #TOKEN_GRID} is plain
 * nearest-neighbour upsampling of the token labels ({@link MaskUpsampling}), the ablation and what
 * every figure before pixel refinement used.
 */
public enum ConceptResolution {
    /** Token labels, boundary cells refined by the frame's pixels. */
    PIXEL,
    /** Token labels upsampled nearest-neighbour. */
    TOKEN_GRID;

    private static final PixelRefinement REFINEMENT = PixelRefinement.defaults();

    /**
     * The concept of every pixel of a {@code width x height} frame.
     *
     * @param cellLabels concept of every token cell, row-major, non-negative
     * @param rgb the frame, row-major RGB; unused by {@link #TOKEN_GRID}
     */
    public int[] pixelLabels(int[] cellLabels, int gridH, int gridW, float[] rgb, int width, int height) {
        return this == PIXEL
                ? REFINEMENT.pixelLabels(cellLabels, gridH, gridW, rgb, width, height)
                : MaskUpsampling.upsample(cellLabels, gridH, gridW, width, height);
    }

    /** {@code pixel} or {@code token} (as the command line writes them), any case. */
    public static ConceptResolution parse(String text) {
        return switch (text == null ? "" : text.toLowerCase(Locale.ROOT)) {
            case "pixel" -> PIXEL;
            case "token" -> TOKEN_GRID;
            default ->
                throw new IllegalArgumentException("concept resolution must be pixel or token, got '" + text + "'");
        };
    }
}
