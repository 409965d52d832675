package io.ultraline.defect;

/**
 * Turns one region that a {@link RegionFinder} decided on the token grid into a mask at the
 * resolution of the frame's pixels. Implementations are stateless and thread-safe. A masker
 * never decides whether a region exists, only its shape: it always returns at least one pixel.
 */
public interface PixelMasker {

    /**
     * The region's pixels.
     *
     * @param frame the frame's pixels, scores and regions
     * @param region one of {@code frame.regions()}
     * @return row-major {@code width * height} mask with at least one pixel set
     */
    boolean[] mask(RegionContext frame, TokenRegion region);

    /** The whole 16-pixel tokens, as nearest upsampling of the token mask gives them. */
    static PixelMasker tokenBlocks() {
        return (frame, region) -> {
            boolean[] cells = region.cells(frame.gridH() * frame.gridW());
            int[] cellOf = frame.cellOfPixels();
            boolean[] out = new boolean[cellOf.length];
            for (int p = 0; p < out.length; p++) {
                out[p] = cells[cellOf[p]];
            }
            return out;
        };
    }
}
