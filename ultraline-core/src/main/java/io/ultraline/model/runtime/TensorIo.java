package io.ultraline.model.runtime;

import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Copies between Java arrays and tensors; the caller owns (and closes) every tensor made here. */
public final class TensorIo {

    private TensorIo() {}

    public static TFloat32 floats(float[] data, long... shape) {
        return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(data, true, false));
    }

    public static TInt32 ints(int[] data) {
        return TInt32.tensorOf(Shape.of(data.length), DataBuffers.of(data, true, false));
    }

    /** All values of a float tensor, row-major. */
    public static float[] read(Tensor t) {
        if (!(t instanceof TFloat32 f)) {
            throw new IllegalArgumentException("expected a float32 tensor, got " + t.dataType());
        }
        float[] out = new float[(int) f.shape().size()];
        f.copyTo(DataBuffers.of(out, false, false));
        return out;
    }

    public static long[] shape(Tensor t) {
        return t.shape().asArray();
    }
}
