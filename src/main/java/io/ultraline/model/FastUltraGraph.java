package io.ultraline.model;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The ULTra relevance with one forward per frame and a hand-written backward batched over target
 * seeds. The forward is the same for every target, so it runs once; the backward carries a seed
 * axis T. Per-head backward tensors are laid out [B, H, T, S, X] with T next to S, so every
 * product with the frame's own K, V or A (shared by all seeds) is one large matmul over T * S
 * rows instead of T small ones. Two more savings: in the last block only the target's row
 * carries gradient (MLP, projection and attention run on one row per seed), and block 1 needs dA
 * but no dx. The rule runs on the fly: v = e_i, then for b = l .. 1, v = v + v Abar_b with
 * Abar_b = mean_h max(0, G_b * A_b).
 */
public final class FastUltraGraph {

    private FastUltraGraph() {
    }

    public static UltraOutputs build(Ops tf, GraphWeights w, VitConfig c, Operand<TFloat32> images,
                                     Operand<TInt32> targets) {
        return build(tf, w, c, images, targets, EnumSet.noneOf(BackwardTerm.class));
    }

    /** As {@link #build}, with some backward terms left out (only tests do that). */
    static UltraOutputs build(Ops tf, GraphWeights w, VitConfig c, Operand<TFloat32> images,
                              Operand<TInt32> targets, Set<BackwardTerm> dropped) {
        Ops u = tf.withSubScope("ultra_fast");
        int s = c.sequenceLength();
        int d = c.dim();
        int h = c.heads();
        int hd = c.headDim();
        int hid = c.mlpHidden();
        float scale = (float) (1.0 / Math.sqrt(hd));
        Dims dims = new Dims(u, u.slice(u.shape(images), u.constant(new int[] {0}), u.constant(new int[] {1})),
                u.reshape(u.size(targets), u.constant(new int[] {1})));
        Operand<TInt32> tok = u.math.add(targets, u.constant(c.patchOffset()));

        VitForward.Outputs fwd = VitForward.build(u.withSubScope("forward"), w, c, images);
        List<VitForward.BlockTrace> trace = fwd.blocks();
        int layers = trace.size();
        Operand<TFloat32> oneHot = u.oneHot(tok, u.constant(s), u.constant(1f), u.constant(0f));
        Operand<TFloat32> rowMask = u.reshape(oneHot, u.constant(new int[] {1, -1, s, 1}));

        // seed: d ||z_i|| / d z_i = z_i / ||z_i||, only on row i
        Operand<TFloat32> zRows = u.gather(fwd.sequence(), tok, u.constant(1));
        Operand<TFloat32> gRow = u.math.mul(zRows, u.math.rsqrt(
                u.reduceSum(u.math.square(zRows), u.constant(-1), ReduceSum.keepDims(true))));

        // last block: one row per seed until the attention spreads the gradient
        VitForward.BlockTrace last = trace.get(layers - 1);
        String p = "blocks." + (layers - 1) + ".";
        Operand<TFloat32> gMidRow = mlp(u, w, c, p, dropped, gRow, u.gather(last.middle(), tok, u.constant(1)),
                u.gather(last.hidden(), tok, u.constant(1)), dims.bt(hid), dims.bt(d));
        Operand<TFloat32> doRow = u.linalg.transpose(u.reshape(
                VjpOps.linear(u, gMidRow, w.get(p + "proj.w"), d, dims.bt(d)), dims.bt(h, hd)),
                u.constant(new int[] {0, 2, 1, 3}));
        Operand<TFloat32> daRow = VitOps.batchMatMul(u, doRow, last.values(), false, true);
        Operand<TFloat32> aRows = u.gather(last.attention(), tok, u.constant(2));
        Operand<TFloat32> gaRow = u.math.mul(daRow, aRows);
        Operand<TFloat32> v = u.math.add(u.reshape(oneHot, u.constant(new int[] {1, -1, s})),
                rectifiedMean(u, gaRow));
        if (layers == 1) {
            return outputs(u, c, fwd, v, dims);
        }
        Operand<TFloat32> dsRow = VjpOps.softmax(u, gaRow, aRows, dropped);
        Operand<TFloat32> dqRow = u.math.mul(VitOps.batchMatMul(u, dsRow, last.keys(), false, false),
                u.constant(scale));
        Operand<TFloat32> dv = u.math.mul(u.expandDims(aRows, u.constant(-1)), u.expandDims(doRow, u.constant(3)));
        Operand<TFloat32> qRows = u.gather(last.qScaled(), tok, u.constant(2));
        Operand<TFloat32> dk = u.math.mul(u.expandDims(dsRow, u.constant(-1)), u.expandDims(qRows, u.constant(3)));
        Operand<TInt32> full = dims.bt(s, d);
        Operand<TFloat32> gamma1 = w.get(p + "norm1.gamma");
        Operand<TFloat32> dh = u.math.add(
                VjpOps.linear(u, mergeHeads(u, dk, full), VjpOps.scaleRows(u, gamma1, w.get(p + "wk")), d, full),
                VjpOps.linear(u, mergeHeads(u, dv, full), VjpOps.scaleRows(u, gamma1, w.get(p + "wv")), d, full));
        Operand<TFloat32> dqFlat = u.reshape(u.linalg.transpose(dqRow, u.constant(new int[] {0, 2, 1, 3})),
                dims.bt(d));
        Operand<TFloat32> dhRow = VjpOps.linear(u, dqFlat, VjpOps.scaleRows(u, gamma1, w.get(p + "wq")), d,
                dims.bt(1, d));
        dh = u.math.add(dh, u.math.mul(rowMask, dhRow));
        Operand<TFloat32> g = u.math.add(u.math.mul(rowMask, u.expandDims(gMidRow, u.constant(2))),
                VjpOps.layerNorm(u, dh, u.expandDims(last.input(), u.constant(1)), c.layerNormEps(), dropped));
        Operand<TFloat32> vRow = u.expandDims(v, u.constant(2));

        for (int b = layers - 2; b >= 0; b--) {
            VitForward.BlockTrace t = trace.get(b);
            String q = "blocks." + b + ".";
            Operand<TFloat32> gMid = mlp(u, w, c, q, dropped, g, u.expandDims(t.middle(), u.constant(1)),
                    u.expandDims(t.hidden(), u.constant(1)), dims.bt(s, hid), full);
            Operand<TFloat32> dOut = splitHeads(u, VjpOps.linear(u, gMid, w.get(q + "proj.w"), d, full), dims, s, h, hd);
            Operand<TFloat32> a = u.expandDims(t.attention(), u.constant(2));
            Operand<TFloat32> da = sharedRight(u, dOut, hd, t.values(), true, dims, h, s, s);
            Operand<TFloat32> ga = u.math.mul(da, a);
            vRow = u.math.add(vRow, VitOps.batchMatMul(u, vRow, rectifiedMean(u, ga), false, false));
            if (b == 0) {
                break;
            }
            Operand<TFloat32> ds = VjpOps.softmax(u, ga, a, dropped);
            Operand<TFloat32> dq = u.math.mul(sharedRight(u, ds, s, t.keys(), false, dims, h, s, hd),
                    u.constant(scale));
            Operand<TFloat32> dvb = sharedLeftTransposed(u, t.attention(), dOut, dims, h, s, hd);
            Operand<TFloat32> dkb = seedRowsTransposed(u, ds, t.qScaled(), dims, h, s, hd);
            Operand<TFloat32> gamma = w.get(q + "norm1.gamma");
            Operand<TFloat32> dhb = u.math.add(u.math.add(
                    VjpOps.linear(u, mergeHeads(u, dq, full), VjpOps.scaleRows(u, gamma, w.get(q + "wq")), d, full),
                    VjpOps.linear(u, mergeHeads(u, dkb, full), VjpOps.scaleRows(u, gamma, w.get(q + "wk")), d, full)),
                    VjpOps.linear(u, mergeHeads(u, dvb, full), VjpOps.scaleRows(u, gamma, w.get(q + "wv")), d, full));
            g = u.math.add(gMid, VjpOps.layerNorm(u, dhb, u.expandDims(t.input(), u.constant(1)), c.layerNormEps(),
                    dropped));
        }
        return outputs(u, c, fwd, u.reshape(vRow, dims.bt(s)), dims);
    }

    /** Runtime shapes that start with the frame count B and/or the seed count T. */
    private record Dims(Ops u, Operand<TInt32> batch, Operand<TInt32> count) {

        /** [B, T, rest...] */
        Operand<TInt32> bt(int... rest) {
            return u.concat(List.of(batch, count, u.constant(rest)), u.constant(0));
        }

        /** [B, lead..., T, rest...] */
        Operand<TInt32> around(int[] lead, int... rest) {
            return u.concat(List.of(batch, u.constant(lead), count, u.constant(rest)), u.constant(0));
        }

        /** [B, rest...] */
        Operand<TInt32> b(int... rest) {
            return u.concat(List.of(batch, u.constant(rest)), u.constant(0));
        }
    }

    /** Through the MLP branch and its residual: g + LN2'(fc1'(gelu'(fc2'(g)))). */
    private static Operand<TFloat32> mlp(Ops u, GraphWeights w, VitConfig c, String p, Set<BackwardTerm> dropped,
                                         Operand<TFloat32> g, Operand<TFloat32> middle, Operand<TFloat32> hidden,
                                         Operand<TInt32> hiddenShape, Operand<TInt32> dimShape) {
        Operand<TFloat32> dm = VjpOps.linear(u, g, w.get(p + "fc2.w"), c.dim(), hiddenShape);
        Operand<TFloat32> du = u.math.mul(dm, VjpOps.geluDerivative(u, hidden, dropped));
        Operand<TFloat32> dxhat = VjpOps.linear(u, du, VjpOps.scaleRows(u, w.get(p + "norm2.gamma"), w.get(p + "fc1.w")),
                c.mlpHidden(), dimShape);
        Operand<TFloat32> branch = VjpOps.layerNorm(u, dxhat, middle, c.layerNormEps(), dropped);
        return dropped.contains(BackwardTerm.MLP_RESIDUAL) ? branch : u.math.add(g, branch);
    }

    /** Abar: mean over heads (axis 1) of max(0, G * A), given the product G * A. */
    private static Operand<TFloat32> rectifiedMean(Ops u, Operand<TFloat32> gradTimesAttention) {
        return u.math.mean(u.nn.relu(gradTimesAttention), u.constant(1), Mean.keepDims(false));
    }

    /**
     * x [B, H, T, S, k] times the frame's y, per seed: y [B, H, r, k] transposed (adjY) or
     * y [B, H, k, r]; one matmul over T * S rows. Returns [B, H, T, S, r].
     */
    private static Operand<TFloat32> sharedRight(Ops u, Operand<TFloat32> x, int k, Operand<TFloat32> y,
                                                 boolean adjY, Dims dims, int h, int s, int r) {
        Operand<TFloat32> flat = u.reshape(x, dims.b(h, -1, k));
        return u.reshape(VitOps.batchMatMul(u, flat, y, false, adjY), dims.around(new int[] {h}, s, r));
    }

    /** A^T x[t] for every seed t, with A [B, H, S, S] and x [B, H, T, S, k]: [B, H, T, S, k]. */
    private static Operand<TFloat32> sharedLeftTransposed(Ops u, Operand<TFloat32> a, Operand<TFloat32> x, Dims dims,
                                                          int h, int s, int k) {
        Operand<TInt32> perm = u.constant(new int[] {0, 1, 3, 2, 4});
        Operand<TFloat32> side = u.reshape(u.linalg.transpose(x, perm), dims.b(h, s, -1));
        Operand<TFloat32> prod = VitOps.batchMatMul(u, a, side, true, false);
        return u.linalg.transpose(u.reshape(prod, dims.b(h, s, -1, k)), perm);
    }

    /** x[t]^T y for every seed t, with x [B, H, T, S, S] and the frame's y [B, H, S, k]: [B, H, T, S, k]. */
    private static Operand<TFloat32> seedRowsTransposed(Ops u, Operand<TFloat32> x, Operand<TFloat32> y, Dims dims,
                                                        int h, int s, int k) {
        Operand<TFloat32> side = u.reshape(u.linalg.transpose(x, u.constant(new int[] {0, 1, 3, 2, 4})),
                dims.b(h, s, -1));
        Operand<TFloat32> prod = VitOps.batchMatMul(u, side, y, true, false);
        return u.reshape(prod, dims.around(new int[] {h}, s, k));
    }

    /** [B, T, S, D] to [B, H, T, S, hd]. */
    private static Operand<TFloat32> splitHeads(Ops u, Operand<TFloat32> x, Dims dims, int s, int h, int hd) {
        Operand<TFloat32> r = u.reshape(x, dims.bt(s, h, hd));
        return u.linalg.transpose(r, u.constant(new int[] {0, 3, 1, 2, 4}));
    }

    /** [B, H, T, S, hd] to [B, T, S, D] (shape given). */
    private static Operand<TFloat32> mergeHeads(Ops u, Operand<TFloat32> x, Operand<TInt32> shape) {
        Operand<TFloat32> t = u.linalg.transpose(x, u.constant(new int[] {0, 2, 3, 1, 4}));
        return u.reshape(t, shape);
    }

    /** v [B, T, S] to relevance rows [B, T, N] and the target layer's patch tokens. */
    private static UltraOutputs outputs(Ops u, VitConfig c, VitForward.Outputs fwd, Operand<TFloat32> v, Dims dims) {
        Operand<TFloat32> rows = v;
        if (c.hasClsToken()) {
            rows = u.slice(rows, u.constant(new int[] {0, 0, 1}), u.constant(new int[] {-1, -1, c.numPatches()}));
        }
        Operand<TFloat32> relevance = u.withName("relevance").identity(rows);
        Operand<TFloat32> tokens = u.withName("tokens").identity(VitForward.patchTokens(u, fwd.sequence(), c));
        return new UltraOutputs(relevance, tokens);
    }
}
