package io.ultraline.ultra;

import java.util.Arrays;

/**
 * A binary mask on the token grid, run-length encoded as on the wire ({@code TokenMask}): the
 * row-major cells are described by alternating run lengths, the first run counting unset cells
 * (zero when the first cell is set), the next one set cells, and so on.
 *
 * <p>{@link #encode} produces the canonical form: only the first run may be zero and the last run
 * ends at the last cell. Decoding is more lenient and accepts any zero-length runs, as long as no
 * run is negative and the runs add up to exactly {@code gridHeight * gridWidth}.
 *
 * @param gridHeight token rows, at least 1
 * @param gridWidth token columns, at least 1
 * @param runs the alternating run lengths (copied in and out)
 */
public record RunLengthMask(int gridHeight, int gridWidth, int[] runs) {

    /** Validates the grid and the runs; the runs array is copied. */
    public RunLengthMask {
        if (gridHeight < 1 || gridWidth < 1) {
            throw new IllegalArgumentException(
                    "the grid must be at least 1 x 1, got " + gridHeight + " x " + gridWidth);
        }
        if (runs == null) {
            throw new IllegalArgumentException("runs must not be null");
        }
        runs = runs.clone();
        long cells = (long) gridHeight * gridWidth;
        if (cells > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "a " + gridHeight + " x " + gridWidth + " grid is too large for one array");
        }
        long total = 0;
        for (int i = 0; i < runs.length; i++) {
            if (runs[i] < 0) {
                throw new IllegalArgumentException("run " + i + " is negative: " + runs[i]);
            }
            total += runs[i];
        }
        if (total != cells) {
            throw new IllegalArgumentException("runs sum to " + total + " but the " + gridHeight + " x " + gridWidth
                    + " grid has " + cells + " cells");
        }
    }

    /**
     * Encodes a row-major mask in canonical form.
     *
     * @throws IllegalArgumentException if the mask does not have {@code gridHeight * gridWidth}
     *     cells
     */
    public static RunLengthMask encode(boolean[] cells, int gridHeight, int gridWidth) {
        if (cells.length != (long) gridHeight * gridWidth) {
            throw new IllegalArgumentException("a " + gridHeight + " x " + gridWidth
                    + " grid has " + (long) gridHeight * gridWidth + " cells, the mask has "
                    + cells.length);
        }
        int[] runs = new int[cells.length + 1];
        int count = 0;
        boolean current = false;
        int length = 0;
        for (boolean cell : cells) {
            if (cell != current) {
                runs[count++] = length;
                current = cell;
                length = 0;
            }
            length++;
        }
        runs[count++] = length;
        return new RunLengthMask(gridHeight, gridWidth, Arrays.copyOf(runs, count));
    }

    /** The mask as row-major cells. */
    public boolean[] decode() {
        boolean[] cells = new boolean[gridHeight * gridWidth];
        int position = 0;
        for (int i = 0; i < runs.length; i++) {
            boolean set = i % 2 == 1;
            if (set) {
                Arrays.fill(cells, position, position + runs[i], true);
            }
            position += runs[i];
        }
        return cells;
    }

    /** Number of set cells. */
    public int setCount() {
        int count = 0;
        for (int i = 1; i < runs.length; i += 2) {
            count += runs[i];
        }
        return count;
    }

    @Override
    public int[] runs() {
        return runs.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RunLengthMask that
                && gridHeight == that.gridHeight
                && gridWidth == that.gridWidth
                && Arrays.equals(runs, that.runs);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * gridHeight + gridWidth) + Arrays.hashCode(runs);
    }

    @Override
    public String toString() {
        return "RunLengthMask[" + gridHeight + "x" + gridWidth + ", runs=" + Arrays.toString(runs) + "]";
    }
}
