package io.ultraline.model.graph;

import io.ultraline.model.VitConfig;
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
 * axis T. The residual-stream gradient is [B, T, S, D]; per-head attention tensors are laid out
 * query-major, [B, H, S, T, X], so every product with the frame's own K, Q, V or A (shared by all
 * seeds) is one large matmul and no attention-sized seed tensor is transposed. LayerNorm's
 * backward is mostly folded into weights and per-frame tensors ({@link LayerNormBackward}). In
 * the last block only the target's row carries gradient (MLP, projection and attention run on one
 * row per seed, and dk, dv are rank one per head); block 1 needs dA but no dx. The rule runs on the
 * fly: v = e_i, then for b = l .. 1, v = v + v Abar_b with Abar_b = mean_h max(0, G_b * A_b).
 */
public final class FastUltraGraph {

    private FastUltraGraph() {}

    public static UltraOutputs build(
            Ops tf, GraphWeights w, VitConfig c, Operand<TFloat32> images, Operand<TInt32> targets) {
        return build(tf, w, c, images, targets, null, EnumSet.noneOf(BackwardTerm.class));
    }

    /**
     * As {@link #build(Ops, GraphWeights, VitConfig, Operand, Operand)}, with the target
     * f_i = ||W z_i|| for a token transform W [D', D] ({@link TargetTransform}).
     */
    public static UltraOutputs build(
            Ops tf,
            GraphWeights w,
            VitConfig c,
            Operand<TFloat32> images,
            Operand<TInt32> targets,
            Operand<TFloat32> transform) {
        return build(tf, w, c, images, targets, transform, EnumSet.noneOf(BackwardTerm.class));
    }

    /** As {@link #build}, with some backward terms left out (only tests do that); transform may be null. */
    static UltraOutputs build(
            Ops tf,
            GraphWeights w,
            VitConfig c,
            Operand<TFloat32> images,
            Operand<TInt32> targets,
            Operand<TFloat32> transform,
            Set<BackwardTerm> dropped) {
        Ops u = tf.withSubScope("ultra_fast");
        int s = c.sequenceLength();
        int d = c.dim();
        int h = c.heads();
        int hd = c.headDim();
        int hid = c.mlpHidden();
        float scale = (float) (1.0 / Math.sqrt(hd));
        Dims dims = new Dims(
                u,
                u.slice(u.shape(images), u.constant(new int[] {0}), u.constant(new int[] {1})),
                u.reshape(u.size(targets), u.constant(new int[] {1})));
        Operand<TInt32> tok = u.math.add(targets, u.constant(c.patchOffset()));

        VitForward.Outputs fwd = VitForward.build(u.withSubScope("forward"), w, c, images);
        List<VitForward.BlockTrace> trace = fwd.blocks();
        int layers = trace.size();
        Operand<TFloat32> oneHot = u.oneHot(tok, u.constant(s), u.constant(1f), u.constant(0f));
        Operand<TFloat32> rowMask = u.reshape(oneHot, u.constant(new int[] {1, -1, s, 1}));

        // seed: d ||z_i|| / d z_i = z_i / ||z_i|| (with W: W^T W z_i / ||W z_i||), only on row i
        Operand<TFloat32> zRows = u.gather(fwd.sequence(), tok, u.constant(1));
        Operand<TFloat32> gRow = transform != null
                ? TargetTransform.seed(u, zRows, transform, d)
                : u.math.mul(
                        zRows,
                        u.math.rsqrt(u.reduceSum(u.math.square(zRows), u.constant(-1), ReduceSum.keepDims(true))));

        // last block: one row per seed until the attention spreads the gradient
        VitForward.BlockTrace last = trace.get(layers - 1);
        String p = "blocks." + (layers - 1) + ".";
        float eps = c.layerNormEps();
        LayerNormBackward lastNorm2 = LayerNormBackward.of(u, last.middle(), eps, d);
        Operand<TFloat32> gMidRow = mlp(
                u,
                w,
                c,
                p,
                dropped,
                gRow,
                lastNorm2.rows(u, tok),
                u.gather(mlpSlope(u, last, lastNorm2, dropped), tok, u.constant(1)),
                dims.bt(hid),
                dims.bt(d));
        Operand<TFloat32> doRow = u.linalg.transpose(
                u.reshape(VjpOps.linear(u, gMidRow, w.get(p + "proj.w"), d, dims.bt(d)), dims.bt(h, hd)),
                u.constant(new int[] {0, 2, 1, 3}));
        Operand<TFloat32> daRow = VitOps.batchMatMul(u, doRow, last.values(), false, true);
        Operand<TFloat32> aRows = u.gather(last.attention(), tok, u.constant(2));
        Operand<TFloat32> gaRow = u.math.mul(daRow, aRows);
        Operand<TFloat32> v = u.math.add(u.reshape(oneHot, u.constant(new int[] {1, -1, s})), rectifiedMean(u, gaRow));
        if (layers == 1) {
            return outputs(u, c, fwd, v, dims);
        }
        Operand<TFloat32> dsRow = VjpOps.softmax(u, daRow, gaRow, aRows, dropped);
        Operand<TFloat32> dqRow =
                u.math.mul(VitOps.batchMatMul(u, dsRow, last.keys(), false, false), u.constant(scale));
        Operand<TInt32> full = dims.bt(s, d);
        Operand<TFloat32> gamma1 = w.get(p + "norm1.gamma");
        // one query row per seed: dk = dS (x) q and dv = A (x) dO are rank one per head, so through
        // the projections dh = sum_h dS[h] (q_h Wk_h) + A[h] (dO_h Wv_h), one matmul over 2H
        Operand<TFloat32> qRows = u.gather(last.qScaled(), tok, u.constant(2));
        Operand<TInt32> seedMajor = u.constant(new int[] {0, 2, 1, 3});
        Operand<TFloat32> rowsThrough = u.concat(
                List.of(
                        throughHeads(u, qRows, LayerNormBackward.centredRows(u, gamma1, w.get(p + "wk")), h, hd, d),
                        throughHeads(u, doRow, LayerNormBackward.centredRows(u, gamma1, w.get(p + "wv")), h, hd, d)),
                u.constant(1));
        Operand<TFloat32> rowWeights = u.concat(List.of(dsRow, aRows), u.constant(1));
        Operand<TFloat32> dhKeysValues = VitOps.batchMatMul(
                u, u.linalg.transpose(rowWeights, seedMajor), u.linalg.transpose(rowsThrough, seedMajor), true, false);
        Operand<TFloat32> dqFlat = u.reshape(u.linalg.transpose(dqRow, seedMajor), dims.bt(d));
        Operand<TFloat32> dhRow =
                VjpOps.linear(u, dqFlat, LayerNormBackward.centredRows(u, gamma1, w.get(p + "wq")), d, dims.bt(1, d));
        Operand<TFloat32> dh = u.math.add(dhKeysValues, u.math.mul(rowMask, dhRow));
        LayerNormBackward norm1 = LayerNormBackward.of(u, last.input(), eps, d).expand(u, 1);
        Operand<TFloat32> g = norm1.plus(
                u, u.math.mul(rowMask, u.expandDims(gMidRow, u.constant(2))), u.math.mul(norm1.rstd(), dh), dropped);

        for (int b = layers - 2; b >= 0; b--) {
            VitForward.BlockTrace t = trace.get(b);
            String q = "blocks." + b + ".";
            LayerNormBackward norm2 = LayerNormBackward.of(u, t.middle(), eps, d);
            Operand<TFloat32> gMid = mlp(
                    u,
                    w,
                    c,
                    q,
                    dropped,
                    g,
                    norm2.expand(u, 1),
                    u.expandDims(mlpSlope(u, t, norm2, dropped), u.constant(1)),
                    dims.bt(s, hid),
                    full);
            // seed axis after the query position: [B, H, S, T, hd], so dA, dq and dv are each one
            // matmul with the frame's V, K or A and dk one with Q, none needing a transpose of dS
            Operand<TFloat32> dOut = u.linalg.transpose(
                    u.reshape(VjpOps.linear(u, gMid, w.get(q + "proj.w"), d, full), dims.bt(s, h, hd)),
                    u.constant(S_MAJOR_PERM));
            Operand<TFloat32> a = u.expandDims(t.attention(), u.constant(3));
            Operand<TFloat32> da = u.reshape(
                    VitOps.batchMatMul(u, u.reshape(dOut, dims.b(h, -1, hd)), t.values(), false, true),
                    dims.around(new int[] {h, s}, s));
            Operand<TFloat32> ga = u.math.mul(da, a);
            v = u.math.add(v, ruleProduct(u, v, rectifiedMean(u, ga)));
            if (b == 0) {
                break;
            }
            Operand<TFloat32> ds = VjpOps.softmax(u, da, ga, a, dropped);
            Operand<TFloat32> dq = VitOps.batchMatMul(
                    u, u.reshape(ds, dims.b(h, -1, s)), u.math.mul(t.keys(), u.constant(scale)), false, false);
            Operand<TFloat32> dkb = VitOps.batchMatMul(u, u.reshape(ds, dims.b(h, s, -1)), t.qScaled(), true, false);
            Operand<TFloat32> dvb =
                    VitOps.batchMatMul(u, t.attention(), u.reshape(dOut, dims.b(h, s, -1)), true, false);
            Operand<TFloat32> gamma = w.get(q + "norm1.gamma");
            Operand<TInt32> byQuery = dims.around(new int[] {h, s}, hd);
            Operand<TFloat32> dhb = u.math.addN(List.of(
                    intoNorm(u, u.reshape(dq, byQuery), S_MAJOR_PERM, gamma, w.get(q + "wq"), full),
                    intoNorm(
                            u,
                            u.reshape(dkb, dims.around(new int[] {h}, s, hd)),
                            T_MAJOR_PERM,
                            gamma,
                            w.get(q + "wk"),
                            full),
                    intoNorm(u, u.reshape(dvb, byQuery), S_MAJOR_PERM, gamma, w.get(q + "wv"), full)));
            LayerNormBackward n1 = LayerNormBackward.of(u, t.input(), eps, d).expand(u, 1);
            g = n1.plus(u, gMid, u.math.mul(n1.rstd(), dhb), dropped);
        }
        return outputs(u, c, fwd, v, dims);
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

    /**
     * Through the MLP branch and its residual: g + LN2'(fc1'(gelu'(fc2'(g)))), with
     * {@code slope} from {@link #mlpSlope} laid out like the seeds' hidden tensor.
     */
    private static Operand<TFloat32> mlp(
            Ops u,
            GraphWeights w,
            VitConfig c,
            String p,
            Set<BackwardTerm> dropped,
            Operand<TFloat32> g,
            LayerNormBackward norm2,
            Operand<TFloat32> slope,
            Operand<TInt32> hiddenShape,
            Operand<TInt32> dimShape) {
        Operand<TFloat32> dm = VjpOps.linear(u, g, w.get(p + "fc2.w"), c.dim(), hiddenShape);
        Operand<TFloat32> fc1 = LayerNormBackward.centredRows(u, w.get(p + "norm2.gamma"), w.get(p + "fc1.w"));
        Operand<TFloat32> scaled = VjpOps.linear(u, u.math.mul(dm, slope), fc1, c.mlpHidden(), dimShape);
        return norm2.plus(u, dropped.contains(BackwardTerm.MLP_RESIDUAL) ? null : g, scaled, dropped);
    }

    /**
     * GELU's slope at the frame's MLP pre-activation times LayerNorm's 1 / std, [B, S, hidden]:
     * the seeds get the 1 / std without a pass of their own, and the erf is the forward's own
     * (same input, so Grappler computes it once).
     */
    private static Operand<TFloat32> mlpSlope(
            Ops u, VitForward.BlockTrace t, LayerNormBackward norm2, Set<BackwardTerm> dropped) {
        return u.math.mul(VjpOps.geluDerivative(u, t.hidden(), dropped), norm2.rstd());
    }

    /** Per head, x [B, H, T, hd] times that head's columns of w [D, H * hd], transposed: [B, H, T, D]. */
    private static Operand<TFloat32> throughHeads(
            Ops u, Operand<TFloat32> x, Operand<TFloat32> w, int h, int hd, int d) {
        Operand<TFloat32> byHead =
                u.linalg.transpose(u.reshape(w, u.constant(new int[] {d, h, hd})), u.constant(new int[] {1, 2, 0}));
        return VitOps.batchMatMul(u, x, byHead, false, false);
    }

    /** Abar: mean over heads (axis 1) of max(0, G * A), given the product G * A. */
    private static Operand<TFloat32> rectifiedMean(Ops u, Operand<TFloat32> gradTimesAttention) {
        return u.math.mean(u.nn.relu(gradTimesAttention), u.constant(1), Mean.keepDims(false));
    }

    /** Seed-major heads [B, H, T, S, hd] to [B, T, S, H, hd], and back. */
    private static final int[] T_MAJOR_PERM = {0, 2, 3, 1, 4};
    /** Query-major heads [B, H, S, T, hd] to [B, T, S, H, hd], and [B, T, S, H, hd] to them. */
    private static final int[] S_MAJOR_PERM = {0, 3, 2, 1, 4};

    /** The rule's v Abar per seed: v [B, T, S], Abar [B, S, T, S] (query-major): [B, T, S]. */
    private static Operand<TFloat32> ruleProduct(Ops u, Operand<TFloat32> v, Operand<TFloat32> abar) {
        Operand<TFloat32> byQuery =
                u.expandDims(u.linalg.transpose(v, u.constant(new int[] {0, 2, 1})), u.constant(-1));
        return u.reduceSum(u.math.mul(byQuery, abar), u.constant(1));
    }

    /**
     * Heads of dq, dk or dv (either layout) back to [B, T, S, D] ({@code full}) and through that
     * projection's weights, with norm1's gamma and centring folded in.
     */
    private static Operand<TFloat32> intoNorm(
            Ops u,
            Operand<TFloat32> heads,
            int[] perm,
            Operand<TFloat32> gamma,
            Operand<TFloat32> w,
            Operand<TInt32> full) {
        Operand<TFloat32> merged = u.reshape(u.linalg.transpose(heads, u.constant(perm)), full);
        Operand<TFloat32> centred = LayerNormBackward.centredRows(u, gamma, w);
        return VjpOps.linear(u, merged, centred, (int) centred.shape().get(1), full);
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
