package io.ultraline.ultra;

/**
 * Concept labels below the token grid, from the frame's own pixels and no labels (issue 19).
 * Nearest-neighbour upsampling ({@link MaskUpsampling}) gives every pixel of a grid cell the
 * cell's concept, so a boundary that crosses a cell, or a part thinner than a cell (tile grout),
 * is lost. Here only the pixels of <em>boundary cells</em> (a cell with a differently labelled
 * cell among its 8 neighbours) may change:
 *
 * <ol>
 *   <li>each concept learns a colour prototype ({@link ColourPrototypes}) from the
 *       {@link LocalColour} features of its interior cells' pixels: pixels it surely holds;
 *   <li>a pixel of a boundary cell takes, among the concepts of its cell and of the 8 neighbouring
 *       cells, the one whose prototype is nearest; concepts further away are not candidates, so a
 *       pixel cannot jump to a material that is nowhere near it;
 *   <li>{@code smoothingPasses} majority passes over {@code (2 * smoothingRadius + 1)}-pixel
 *       windows, again among the cell's candidates, remove the salt-and-pepper that texture leaves.
 * </ol>
 *
 * A frame whose cells all carry one concept, or no two neighbouring cells differ, keeps the
 * upsampled labels unchanged. Deterministic: ties go to the lower concept (step 2) or keep the
 * pixel's label (step 3).
 *
 * @param radius the colour window of {@link LocalColour}: {@code 2 * radius + 1} pixels a side
 * @param smoothingRadius the majority window's radius; 0 with any passes changes nothing
 * @param smoothingPasses how many majority passes
 * @param ownVariance distances by each concept's own variance instead of the pooled one
 * @param reach how many cells away a concept may lie and still be a candidate (1: the 8
 *     neighbours); a cell is a boundary cell when another concept lies within this reach
 */
public record PixelRefinement(int radius, int smoothingRadius, int smoothingPasses, boolean ownVariance, int reach) {

    /** Checks the sizes. */
    public PixelRefinement {
        if (radius < 0 || smoothingRadius < 0 || smoothingPasses < 0) {
            throw new IllegalArgumentException("radius, smoothing radius and passes must not be negative, got " + radius
                    + ", " + smoothingRadius + ", " + smoothingPasses);
        }
        if (reach < 1) {
            throw new IllegalArgumentException("reach must be at least 1 cell, got " + reach);
        }
    }

    /** The product's setting (chosen by the study in docs/evaluation.md, "Concepts below the token grid"). */
    public static PixelRefinement defaults() {
        return new PixelRefinement(1, 2, 2, false, 1);
    }

    /**
     * The concept of every pixel.
     *
     * @param cellLabels concept of every grid cell, row-major, non-negative
     * @param rgb the frame, row-major RGB, {@code width * height * 3} values (any range)
     * @return {@code width * height} labels, row-major, each one of {@code cellLabels}
     * @throws IllegalArgumentException when the sizes do not agree or a label is negative
     */
    public int[] pixelLabels(int[] cellLabels, int gridH, int gridW, float[] rgb, int width, int height) {
        int[] pixels = MaskUpsampling.upsample(cellLabels, gridH, gridW, width, height);
        if (rgb.length != (long) width * height * 3) {
            throw new IllegalArgumentException("a " + width + " x " + height + " RGB frame has "
                    + (long) width * height * 3 + " values, got " + rgb.length);
        }
        int concepts = 0;
        for (int label : cellLabels) {
            if (label < 0) {
                throw new IllegalArgumentException("concept labels must not be negative, got " + label);
            }
            concepts = Math.max(concepts, label + 1);
        }
        BoundaryCells cells = BoundaryCells.of(cellLabels, gridH, gridW, reach);
        if (!cells.any()) {
            return pixels;
        }
        int[] cellOf = cellOfPixel(gridH, gridW, width, height);
        boolean[] sure = new boolean[pixels.length];
        for (int p = 0; p < sure.length; p++) {
            sure[p] = !cells.boundary(cellOf[p]);
        }
        float[] features = LocalColour.of(rgb, width, height, radius);
        ColourPrototypes prototypes = ColourPrototypes.learn(features, pixels, sure, concepts, ownVariance);
        int[] refined = pixels.clone();
        for (int p = 0; p < refined.length; p++) {
            if (!sure[p]) {
                refined[p] = nearest(prototypes, features, p, cells.candidates(cellOf[p]));
            }
        }
        // why a majority among the candidates: texture makes single pixels flip; a window outvotes them
        for (int pass = 0; pass < smoothingPasses && smoothingRadius > 0; pass++) {
            refined = majority(refined, sure, cellOf, cells, width, height, concepts);
        }
        return refined;
    }

    private static int nearest(ColourPrototypes prototypes, float[] features, int pixel, int[] candidates) {
        int best = candidates[0];
        double bestDistance = prototypes.distance(features, pixel, best);
        for (int k = 1; k < candidates.length; k++) {
            double d = prototypes.distance(features, pixel, candidates[k]);
            if (d < bestDistance) {
                best = candidates[k];
                bestDistance = d;
            }
        }
        return best;
    }

    /**
     * One majority pass: every pixel that is not sure takes, among its cell's candidates, the
     * concept most frequent in its window (its own label unless another has strictly more votes).
     * The window counts come from per-column counts over the window's rows, kept up to date row by
     * row, and a running sum of them along the row, so a pixel costs a few lookups instead of a
     * count over its whole window.
     */
    int[] majority(
            int[] labels, boolean[] sure, int[] cellOf, BoundaryCells cells, int width, int height, int concepts) {
        int[] out = labels.clone();
        int r = smoothingRadius;
        // columns[c][x]: pixels of concept c in column x within rows y - r .. y + r
        int[][] columns = new int[concepts][width];
        // along[c][x]: the sum of columns[c][0 .. x - 1]
        int[][] along = new int[concepts][width + 1];
        for (int yy = 0; yy < Math.min(height, r); yy++) {
            for (int x = 0; x < width; x++) {
                columns[labels[yy * width + x]][x]++;
            }
        }
        for (int y = 0; y < height; y++) {
            int entering = y + r;
            if (entering < height) {
                for (int x = 0; x < width; x++) {
                    columns[labels[entering * width + x]][x]++;
                }
            }
            int leaving = y - r - 1;
            if (leaving >= 0) {
                for (int x = 0; x < width; x++) {
                    columns[labels[leaving * width + x]][x]--;
                }
            }
            for (int c = 0; c < concepts; c++) {
                int[] column = columns[c];
                int[] sum = along[c];
                for (int x = 0; x < width; x++) {
                    sum[x + 1] = sum[x] + column[x];
                }
            }
            for (int x = 0; x < width; x++) {
                int p = y * width + x;
                if (sure[p]) {
                    continue;
                }
                int from = Math.max(0, x - r);
                int to = Math.min(width, x + r + 1);
                int best = labels[p];
                int bestVotes = along[best][to] - along[best][from];
                for (int c : cells.candidates(cellOf[p])) {
                    int votes = along[c][to] - along[c][from];
                    if (votes > bestVotes) {
                        best = c;
                        bestVotes = votes;
                    }
                }
                out[p] = best;
            }
        }
        return out;
    }

    private static int[] cellOfPixel(int gridH, int gridW, int width, int height) {
        int[] cellOf = new int[width * height];
        for (int y = 0; y < height; y++) {
            int row = (int) ((long) y * gridH / height);
            for (int x = 0; x < width; x++) {
                cellOf[y * width + x] = row * gridW + (int) ((long) x * gridW / width);
            }
        }
        return cellOf;
    }
}
