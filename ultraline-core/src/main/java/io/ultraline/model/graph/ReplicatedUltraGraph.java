package io.ultraline.model.graph;

import io.ultraline.model.VitConfig;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The ULTra relevance rule built with graph autodiff, batched over targets: every image is
 * replicated once per target, each copy seeds the L2 norm of its own target token, and the
 * per-copy scalars are summed. Copies do not interact, so d(sum)/dA of a copy is its own target's
 * gradient; one session run yields all T maps of all B images.
 *
 * <p>Rule (docs/design.md section 1): Abar_b = mean_h max(0, G_b * A_b); R = (I + Abar_l) ... (I + Abar_1).
 * Only row i of R is needed, so v = e_i is pushed through the factors from l down to 1, which is
 * exact and avoids the full S x S products.
 */
public final class ReplicatedUltraGraph {

    private ReplicatedUltraGraph() {}

    public static UltraOutputs build(
            Ops tf, GraphWeights w, VitConfig c, Operand<TFloat32> images, Operand<TInt32> targets) {
        return build(tf, w, c, images, targets, null);
    }

    /** As above, each copy seeding ||W z|| of its target for a token transform W [D', D] (null: ||z||). */
    public static UltraOutputs build(
            Ops tf,
            GraphWeights w,
            VitConfig c,
            Operand<TFloat32> images,
            Operand<TInt32> targets,
            Operand<TFloat32> transform) {
        Ops u = tf.withSubScope("ultra");
        int s = c.sequenceLength();
        int n = c.numPatches();
        Operand<TInt32> batch = u.slice(u.shape(images), VitOps.ints(u, 0), VitOps.ints(u, 1));
        Operand<TInt32> targetCount = u.reshape(u.size(targets), VitOps.ints(u, 1));
        Operand<TInt32> copies = u.math.mul(batch, targetCount);
        Operand<TInt32> copyIndex = u.range(u.constant(0), u.reshape(copies, VitOps.ints(u)), u.constant(1));
        Operand<TInt32> imageOfCopy = u.math.floorDiv(copyIndex, u.reshape(targetCount, VitOps.ints(u)));
        Operand<TFloat32> replicated = u.gather(images, imageOfCopy, u.constant(0));
        Operand<TInt32> tokenOfCopy = u.math.add(u.tile(targets, batch), u.constant(c.patchOffset()));

        VitForward.Outputs fwd = VitForward.build(u.withSubScope("forward"), w, c, replicated);
        Operand<TFloat32> seed = u.oneHot(tokenOfCopy, u.constant(s), u.constant(1f), u.constant(0f));
        Operand<TFloat32> selected =
                u.reduceSum(u.math.mul(fwd.sequence(), u.expandDims(seed, u.constant(-1))), u.constant(1));
        if (transform != null) {
            selected = TargetTransform.apply(u, selected, transform, c.dim());
        }
        Operand<TFloat32> norms = u.math.sqrt(u.reduceSum(u.math.square(selected), u.constant(-1)));
        Operand<TFloat32> objective = u.reduceSum(norms, u.constant(0));

        Gradients grads = u.gradients(objective, fwd.attention());
        List<Operand<TFloat32>> rectified = new ArrayList<>();
        for (int b = 0; b < fwd.attention().size(); b++) {
            Operand<TFloat32> g = checked(grads.dy(b), b);
            Operand<TFloat32> ga = u.nn.relu(u.math.mul(g, fwd.attention().get(b)));
            rectified.add(u.math.mean(ga, u.constant(1)));
        }
        Operand<TFloat32> v = u.expandDims(seed, u.constant(1));
        for (int b = rectified.size() - 1; b >= 0; b--) {
            v = u.math.add(v, VitOps.batchMatMul(u, v, rectified.get(b), false, false));
        }
        Operand<TFloat32> rows = u.reshape(v, VitOps.ints(u, -1, s));
        if (c.hasClsToken()) {
            rows = u.slice(rows, VitOps.ints(u, 0, 1), VitOps.ints(u, -1, n));
        }
        Operand<TInt32> outShape = u.concat(List.of(batch, targetCount, VitOps.ints(u, n)), u.constant(0));
        Operand<TFloat32> relevance = u.withName("relevance").reshape(rows, outShape);

        Operand<TInt32> firstCopies = u.math.mul(
                u.range(u.constant(0), u.reshape(batch, VitOps.ints(u)), u.constant(1)),
                u.reshape(targetCount, VitOps.ints(u)));
        Operand<TFloat32> seqOfImages = u.gather(fwd.sequence(), firstCopies, u.constant(0));
        Operand<TFloat32> tokens = u.withName("tokens").identity(VitForward.patchTokens(u, seqOfImages, c));
        return new UltraOutputs(relevance, tokens);
    }

    /**
     * A gradient whose every path crosses an op without a registered gradient comes back as an
     * output with no op behind it; fail here with a clear message instead of a misleading
     * "close() has been called" later.
     */
    @SuppressWarnings("unchecked")
    static Operand<TFloat32> checked(org.tensorflow.Output<?> g, int block) {
        if (g == null || g.op() == null) {
            throw new IllegalStateException("no gradient reaches the attention of block " + (block + 1)
                    + ": an op on the path has no registered gradient");
        }
        return (Operand<TFloat32>) g;
    }
}
