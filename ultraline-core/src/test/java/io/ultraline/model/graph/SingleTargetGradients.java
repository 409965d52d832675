package io.ultraline.model.graph;

import io.ultraline.model.VitConfig;
import io.ultraline.model.runtime.TensorIo;
import io.ultraline.model.weights.VitWeights;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The slow, obvious way: one image, one target per session run, graph gradients of that target's
 * norm to every attention map. Returns the attention and gradient tensors so the plain-Java rule
 * can be applied to them.
 */
final class SingleTargetGradients implements AutoCloseable {

    record Tensors(double[][][][] attention, double[][][][] gradient) {}

    private final VitConfig c;
    private final Graph graph = new Graph();
    private final Session session;
    private final Placeholder<TFloat32> images;
    private final Placeholder<TInt32> token;
    private final List<Operand<TFloat32>> attention;
    private final List<Output<?>> gradients = new ArrayList<>();

    SingleTargetGradients(VitConfig c, VitWeights w) {
        this(c, w, null);
    }

    /** With the target ||W z|| for W [rows][D] (issue 19); null: ||z||. */
    SingleTargetGradients(VitConfig c, VitWeights w, float[][] transform) {
        this.c = c;
        Ops tf = Ops.create(graph);
        GraphWeights gw = GraphWeights.constants(tf, GraphLayout.prepare(w, c));
        images = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, c.imageSize(), c.imageSize(), 3)));
        token = tf.placeholder(TInt32.class, Placeholder.shape(Shape.scalar()));
        VitForward.Outputs fwd = VitForward.build(tf, gw, c, images);
        Operand<TFloat32> z = tf.gather(
                tf.reshape(fwd.sequence(), VitOps.ints(tf, c.sequenceLength(), c.dim())), token, tf.constant(0));
        if (transform != null) {
            // W z as its own op, with the gradient left entirely to TensorFlow's autodiff
            z = tf.reshape(
                    tf.linalg.matMul(tf.constant(transform), tf.reshape(z, VitOps.ints(tf, c.dim(), 1))),
                    VitOps.ints(tf, transform.length));
        }
        Operand<TFloat32> f = tf.math.sqrt(tf.reduceSum(tf.math.square(z), tf.constant(0)));
        attention = fwd.attention();
        Gradients g = tf.gradients(f, attention);
        for (int b = 0; b < attention.size(); b++) {
            gradients.add(g.dy(b));
        }
        session = new Session(graph);
    }

    Tensors run(float[] image, int targetPatch) {
        try (Tensor in = TensorIo.floats(image, 1, c.imageSize(), c.imageSize(), 3);
                Tensor t = org.tensorflow.types.TInt32.scalarOf(targetPatch + c.patchOffset())) {
            Session.Runner r = session.runner().feed(images, in).feed(token, t);
            attention.forEach(r::fetch);
            gradients.forEach(r::fetch);
            try (Result res = r.run()) {
                int layers = attention.size();
                double[][][][] a = new double[layers][][][];
                double[][][][] g = new double[layers][][][];
                for (int b = 0; b < layers; b++) {
                    a[b] = unpack(TensorIo.read(res.get(b)));
                    g[b] = unpack(TensorIo.read(res.get(layers + b)));
                }
                return new Tensors(a, g);
            }
        }
    }

    private double[][][] unpack(float[] flat) {
        int h = c.heads();
        int s = c.sequenceLength();
        double[][][] out = new double[h][s][s];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < s; j++) {
                for (int k = 0; k < s; k++) {
                    out[i][j][k] = flat[(i * s + j) * s + k];
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
