package io.ultraline.model.weights;

import java.util.Arrays;

/**
 * One named weight array in float32, row-major, with its shape (as in a checkpoint file).
 */
public record WeightTensor(long[] shape, float[] data) {

    public WeightTensor {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " holds " + n + " values but data has " + data.length);
        }
    }

    public static WeightTensor of(float[] data, long... shape) {
        return new WeightTensor(shape, data);
    }

    public int rank() {
        return shape.length;
    }

    public long dim(int i) {
        return shape[i];
    }

    public boolean hasShape(long... expected) {
        return Arrays.equals(shape, expected);
    }

    public String shapeString() {
        return Arrays.toString(shape);
    }
}
