package io.ultraline.model.runtime;

import io.ultraline.model.ModelSignatures;
import io.ultraline.model.VitConfig;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.function.IntSupplier;
import java.util.function.ToDoubleFunction;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The raw-TensorFlow work the model benchmark compares the runner against: a plain matmul (what
 * the machine can do at best) and the per-token loop a user would write (one ultra call per
 * target). They live here so that the benchmark itself, in {@code bench}, stays free of
 * TensorFlow types. Each takes the benchmark's timing function, which runs the work repeatedly and
 * returns items per second, and closes every tensor and session before it returns.
 */
public final class SessionBaselines {

    private SessionBaselines() {}

    /** GFLOP/s of a 1024 x 1024 float matmul on a session with {@code intraThreads} op threads. */
    public static double matmulGflops(int intraThreads, ToDoubleFunction<IntSupplier> rate) {
        int m = 1024;
        ConfigProto cfg = ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(intraThreads)
                .setInterOpParallelismThreads(1)
                .setUsePerSessionThreads(true)
                .build();
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> a = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(m, m)));
            Placeholder<TFloat32> b = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(m, m)));
            var prod = tf.linalg.matMul(a, b);
            try (Session s = new Session(g, cfg);
                    Tensor ta = TensorIo.floats(randomFloats(m * m, 3), m, m);
                    Tensor tb = TensorIo.floats(randomFloats(m * m, 4), m, m)) {
                double perSecond = rate.applyAsDouble(() -> {
                    try (Result r =
                            s.runner().feed(a, ta).feed(b, tb).fetch(prod).run()) {
                        return 1;
                    }
                });
                return perSecond * 2.0 * m * m * m / 1e9;
            }
        }
    }

    /**
     * Frames per second of the per-token loop on the model in {@code modelDir}, loaded into one plain
     * session with TensorFlow's own threading: one ultra call per target, all targets of one frame.
     */
    public static double perTokenLoopRate(Path modelDir, float[] frame, ToDoubleFunction<IntSupplier> rate) {
        try (LoadedModel model = LoadedModel.load(modelDir, 0, 0)) {
            VitConfig config = model.config();
            int n = config.numPatches();
            int s = config.imageSize();
            return rate.applyAsDouble(() -> {
                try (TFloat32 in = TensorIo.floats(frame, 1, s, s, 3);
                        TFloat32 w = UltraFeeds.transform(model, null)) {
                    for (int t = 0; t < n; t++) {
                        try (TInt32 tg = TensorIo.ints(new int[] {t});
                                Result r = model.ultra().call(UltraFeeds.of(in, tg, w))) {
                            r.get(ModelSignatures.RELEVANCE).orElseThrow();
                        }
                    }
                }
                return 1;
            });
        }
    }

    private static float[] randomFloats(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextDouble();
        }
        return x;
    }
}
