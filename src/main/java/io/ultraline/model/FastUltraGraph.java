package io.ultraline.model;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.math.Mean;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The ULTra relevance with one forward per frame and a hand-written backward batched over target
 * seeds. The forward is the same for every target, so it runs once; the backward carries a
 * leading seed axis T, so its work stays in large matrix multiplies. Two savings on top: in the
 * last block only the target's row carries gradient (the MLP and projection run on one row per
 * seed), and block 1 needs dA but no dx. The rule is applied on the fly: v = e_i, then for
 * b = l .. 1, v = v + v Abar_b, with Abar_b = mean_h max(0, G_b * A_b).
 *
 * <p>Shapes: B frames, T seeds, H heads, S tokens, D width; backward tensors are [B, T, ...] and
 * forward activations broadcast over T as [B, 1, ...].
 */
public final class FastUltraGraph {

    private FastUltraGraph() {
    }

    public static UltraOutputs build(Ops tf, GraphWeights w, VitConfig c, Operand<TFloat32> images,
                                     Operand<TInt32> targets) {
        return build(tf, w, c, images, targets, java.util.EnumSet.noneOf(BackwardTerm.class));
    }

    /** As {@link #build}, with some backward terms left out (only tests do that). */
    static UltraOutputs build(Ops tf, GraphWeights w, VitConfig c, Operand<TFloat32> images,
                              Operand<TInt32> targets, java.util.Set<BackwardTerm> dropped) {
        Ops u = tf.withSubScope("ultra_fast");
        int s = c.sequenceLength();
        int d = c.dim();
        int h = c.heads();
        int hd = c.headDim();
        int hid = c.mlpHidden();
        float scale = (float) (1.0 / Math.sqrt(hd));
        Operand<TInt32> batch = u.slice(u.shape(images), u.constant(new int[] {0}), u.constant(new int[] {1}));
        Operand<TInt32> count = u.reshape(u.size(targets), u.constant(new int[] {1}));
        Operand<TInt32> bt = u.concat(List.of(batch, count), u.constant(0));
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
                u.gather(last.hidden(), tok, u.constant(1)), VjpOps.shape(u, bt, hid), VjpOps.shape(u, bt, d));
        Operand<TFloat32> doRow = u.reshape(VjpOps.linear(u, gMidRow, w.get(p + "proj.w"), d, VjpOps.shape(u, bt, d)),
                VjpOps.shape(u, bt, h, 1, hd));
        Operand<TFloat32> values = u.expandDims(last.values(), u.constant(1));
        Operand<TFloat32> daRow = VitOps.batchMatMul(u, doRow, values, false, true);
        Operand<TFloat32> aRows = rowsOf(u, last.attention(), tok);
        Operand<TFloat32> v = u.math.add(u.reshape(oneHot, u.constant(new int[] {1, -1, 1, s})),
                rectifiedMean(u, daRow, aRows));
        if (layers == 1) {
            return outputs(u, c, fwd, v, bt);
        }
        Operand<TFloat32> dsRow = VjpOps.softmax(u, daRow, aRows, dropped);
        Operand<TFloat32> dv = VitOps.batchMatMul(u, aRows, doRow, true, false);
        Operand<TFloat32> dqRow = u.math.mul(VitOps.batchMatMul(u, dsRow, u.expandDims(last.keys(), u.constant(1)),
                false, false), u.constant(scale));
        Operand<TFloat32> dk = VitOps.batchMatMul(u, dsRow, rowsOf(u, last.qScaled(), tok), true, false);
        Operand<TFloat32> dh = u.math.add(
                VjpOps.linear(u, mergeHeads(u, dk, bt, s, d), w.get(p + "wk"), d, VjpOps.shape(u, bt, s, d)),
                VjpOps.linear(u, mergeHeads(u, dv, bt, s, d), w.get(p + "wv"), d, VjpOps.shape(u, bt, s, d)));
        Operand<TFloat32> dhRow = VjpOps.linear(u, u.reshape(dqRow, VjpOps.shape(u, bt, d)), w.get(p + "wq"), d,
                VjpOps.shape(u, bt, 1, d));
        dh = u.math.add(dh, u.math.mul(rowMask, dhRow));
        Operand<TFloat32> g = u.math.add(u.math.mul(rowMask, u.expandDims(gMidRow, u.constant(2))),
                VjpOps.layerNorm(u, dh, u.expandDims(last.input(), u.constant(1)), w.get(p + "norm1.gamma"),
                        c.layerNormEps(), dropped));

        for (int b = layers - 2; b >= 0; b--) {
            VitForward.BlockTrace t = trace.get(b);
            String q = "blocks." + b + ".";
            Operand<TFloat32> gMid = mlp(u, w, c, q, dropped, g, u.expandDims(t.middle(), u.constant(1)),
                    u.expandDims(t.hidden(), u.constant(1)), VjpOps.shape(u, bt, s, hid), VjpOps.shape(u, bt, s, d));
            Operand<TFloat32> dOut = splitHeads(u, VjpOps.linear(u, gMid, w.get(q + "proj.w"), d,
                    VjpOps.shape(u, bt, s, d)), bt, s, h, hd);
            Operand<TFloat32> a = u.expandDims(t.attention(), u.constant(1));
            Operand<TFloat32> da = VitOps.batchMatMul(u, dOut, u.expandDims(t.values(), u.constant(1)), false, true);
            v = u.math.add(v, VitOps.batchMatMul(u, v, rectifiedMean(u, da, a), false, false));
            if (b == 0) {
                break;
            }
            Operand<TFloat32> ds = VjpOps.softmax(u, da, a, dropped);
            Operand<TFloat32> dvb = VitOps.batchMatMul(u, a, dOut, true, false);
            Operand<TFloat32> dq = u.math.mul(VitOps.batchMatMul(u, ds, u.expandDims(t.keys(), u.constant(1)),
                    false, false), u.constant(scale));
            Operand<TFloat32> dkb = VitOps.batchMatMul(u, ds, u.expandDims(t.qScaled(), u.constant(1)), true, false);
            Operand<TInt32> full = VjpOps.shape(u, bt, s, d);
            Operand<TFloat32> dhb = u.math.add(u.math.add(
                    VjpOps.linear(u, mergeHeads(u, dq, bt, s, d), w.get(q + "wq"), d, full),
                    VjpOps.linear(u, mergeHeads(u, dkb, bt, s, d), w.get(q + "wk"), d, full)),
                    VjpOps.linear(u, mergeHeads(u, dvb, bt, s, d), w.get(q + "wv"), d, full));
            g = u.math.add(gMid, VjpOps.layerNorm(u, dhb, u.expandDims(t.input(), u.constant(1)),
                    w.get(q + "norm1.gamma"), c.layerNormEps(), dropped));
        }
        return outputs(u, c, fwd, v, bt);
    }

    /** Through the MLP branch and its residual: g + LN2'(fc1'(gelu'(fc2'(g)))). */
    private static Operand<TFloat32> mlp(Ops u, GraphWeights w, VitConfig c, String p,
                                         java.util.Set<BackwardTerm> dropped, Operand<TFloat32> g,
                                         Operand<TFloat32> middle, Operand<TFloat32> hidden,
                                         Operand<TInt32> hiddenShape, Operand<TInt32> dimShape) {
        Operand<TFloat32> dm = VjpOps.linear(u, g, w.get(p + "fc2.w"), c.dim(), hiddenShape);
        Operand<TFloat32> du = u.math.mul(dm, VjpOps.geluDerivative(u, hidden, dropped));
        Operand<TFloat32> dh2 = VjpOps.linear(u, du, w.get(p + "fc1.w"), c.mlpHidden(), dimShape);
        Operand<TFloat32> branch = VjpOps.layerNorm(u, dh2, middle, w.get(p + "norm2.gamma"), c.layerNormEps(), dropped);
        return dropped.contains(BackwardTerm.MLP_RESIDUAL) ? branch : u.math.add(g, branch);
    }

    /** Rows tok of a per-head [B, H, S, X] tensor as [B, T, H, 1, X]. */
    private static Operand<TFloat32> rowsOf(Ops u, Operand<TFloat32> perHead, Operand<TInt32> tok) {
        Operand<TFloat32> g = u.gather(perHead, tok, u.constant(2));
        return u.expandDims(u.linalg.transpose(g, u.constant(new int[] {0, 2, 1, 3})), u.constant(3));
    }

    private static Operand<TFloat32> rectifiedMean(Ops u, Operand<TFloat32> grad, Operand<TFloat32> attention) {
        return u.math.mean(u.nn.relu(u.math.mul(grad, attention)), u.constant(2), Mean.keepDims(false));
    }

    /** [B, T, S, D] to [B, T, H, S, hd]. */
    private static Operand<TFloat32> splitHeads(Ops u, Operand<TFloat32> x, Operand<TInt32> bt, int s, int h, int hd) {
        Operand<TFloat32> r = u.reshape(x, VjpOps.shape(u, bt, s, h, hd));
        return u.linalg.transpose(r, u.constant(new int[] {0, 1, 3, 2, 4}));
    }

    /** [B, T, H, S, hd] to [B, T, S, D]. */
    private static Operand<TFloat32> mergeHeads(Ops u, Operand<TFloat32> x, Operand<TInt32> bt, int s, int d) {
        Operand<TFloat32> t = u.linalg.transpose(x, u.constant(new int[] {0, 1, 3, 2, 4}));
        return u.reshape(t, VjpOps.shape(u, bt, s, d));
    }

    private static UltraOutputs outputs(Ops u, VitConfig c, VitForward.Outputs fwd, Operand<TFloat32> v,
                                        Operand<TInt32> bt) {
        Operand<TFloat32> rows = u.reshape(v, VjpOps.shape(u, bt, c.sequenceLength()));
        if (c.hasClsToken()) {
            rows = u.slice(rows, u.constant(new int[] {0, 0, 1}), u.constant(new int[] {-1, -1, c.numPatches()}));
        }
        Operand<TFloat32> relevance = u.withName("relevance").identity(rows);
        Operand<TFloat32> tokens = u.withName("tokens").identity(VitForward.patchTokens(u, fwd.sequence(), c));
        return new UltraOutputs(relevance, tokens);
    }
}
