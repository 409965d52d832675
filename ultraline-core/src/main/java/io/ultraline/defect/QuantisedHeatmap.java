package io.ultraline.defect;

import java.util.Arrays;

/**
 * A map over the token grid quantised to 8 bits, the same contract as the Avro {@code Heatmap}:
 * byte {@code q} (unsigned) stands for {@code min + q * (max - min) / 255}. Quantising rounds to
 * the nearest level, so a value comes back within {@code (max - min) / 510} of what went in; a
 * constant map is stored with {@code min == max} and every {@code q = 0}, and comes back exactly.
 *
 * @param gridHeight token rows
 * @param gridWidth token columns
 * @param min value of {@code q = 0}
 * @param max value of {@code q = 255}
 * @param values {@code gridHeight * gridWidth} unsigned bytes, row-major (copied in and out)
 */
public record QuantisedHeatmap(int gridHeight, int gridWidth, float min, float max, byte[] values) {

    /** Checks sizes and range; copies the values. */
    public QuantisedHeatmap {
        if (gridHeight < 1 || gridWidth < 1) {
            throw new IllegalArgumentException(
                    "the grid must be at least 1 x 1, got " + gridHeight + " x " + gridWidth);
        }
        if (values == null || values.length != (long) gridHeight * gridWidth) {
            throw new IllegalArgumentException("a " + gridHeight + " x " + gridWidth + " heatmap needs "
                    + (long) gridHeight * gridWidth + " values, got "
                    + (values == null ? "null" : values.length));
        }
        if (!Float.isFinite(min) || !Float.isFinite(max) || min > max) {
            throw new IllegalArgumentException(
                    "min and max must be finite with min <= max, got " + min + " and " + max);
        }
        values = values.clone();
    }

    /**
     * Quantises a map: {@code min} and {@code max} are the map's own extremes.
     *
     * @throws IllegalArgumentException if a value is NaN or infinite, or the size is wrong
     */
    public static QuantisedHeatmap quantise(float[] map, int gridHeight, int gridWidth) {
        if (map.length != (long) gridHeight * gridWidth || map.length == 0) {
            throw new IllegalArgumentException("a " + gridHeight + " x " + gridWidth + " heatmap needs "
                    + (long) gridHeight * gridWidth + " values, got " + map.length);
        }
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : map) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("cannot quantise a non-finite value " + v);
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        byte[] q = new byte[map.length];
        double range = (double) max - min;
        if (range > 0) {
            for (int i = 0; i < map.length; i++) {
                long level = Math.round((map[i] - (double) min) / range * 255.0);
                q[i] = (byte) Math.max(0, Math.min(255, level));
            }
        }
        return new QuantisedHeatmap(gridHeight, gridWidth, min, max, q);
    }

    /** The value cell {@code index} stands for. */
    public float value(int index) {
        return (float) (min + (values[index] & 0xff) * ((double) max - min) / 255.0);
    }

    /** Every cell's value, row-major. */
    public float[] dequantise() {
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = value(i);
        }
        return out;
    }

    /** The quantised levels (a copy). */
    @Override
    public byte[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof QuantisedHeatmap that
                && gridHeight == that.gridHeight
                && gridWidth == that.gridWidth
                && Float.compare(min, that.min) == 0
                && Float.compare(max, that.max) == 0
                && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Float.hashCode(min) + Float.hashCode(max)) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "QuantisedHeatmap[" + gridHeight + "x" + gridWidth + ", " + min + ".." + max + "]";
    }
}
