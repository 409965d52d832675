package io.ultraline.model.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultraline.model.ReferenceRule;
import io.ultraline.model.TinyVits;
import io.ultraline.model.UltraVariant;
import io.ultraline.model.VitConfig;
import io.ultraline.model.runtime.TensorIo;
import io.ultraline.model.weights.VitWeights;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** The ULTra target f_i = ||W z_i|| (issue 19) in both graph variants, against references. */
class TransformedTargetTest {

    private static final int[] TARGETS = {0, 5, 15, 9};

    /** W = I must leave today's maps exactly as they are, so the reference-rule tests still hold. */
    @ParameterizedTest
    @EnumSource(UltraVariant.class)
    void identityTransformGivesTheSameMapsToTheBit(UltraVariant variant) {
        VitConfig c = TinyVits.config(32, 8, 16, 3, 2, true, 3);
        VitWeights w = TinyVits.random(c, 21, 3f);
        float[] images = TinyVits.images(2, 32, 5);
        float[] plain = relevance(c, w, images, 2, variant, null);
        float[] identity = relevance(c, w, images, 2, variant, identity(c.dim()));
        assertThat(identity).containsExactly(plain);
    }

    /**
     * A low-rank W against the slow way: one target per run, TensorFlow's own gradient of ||W z||,
     * and the plain-Java rule. The hand-written seed of the fast variant is only right if it is
     * W^T W z / ||W z||; z / ||z|| (the seed without W) fails this by far.
     */
    @ParameterizedTest
    @EnumSource(UltraVariant.class)
    void lowRankTransformMatchesOneTargetAutodiffAndTheJavaRule(UltraVariant variant) {
        VitConfig c = TinyVits.config(32, 8, 16, 3, 2, true, 3);
        VitWeights w = TinyVits.random(c, 21, 3f);
        float[][] transform = random(5, c.dim(), 7);
        float[] images = TinyVits.images(2, 32, 5);
        float[] maps = relevance(c, w, images, 2, variant, transform);
        float[] untransformed = relevance(c, w, images, 2, variant, null);
        int n = c.numPatches();
        int size = 32 * 32 * 3;
        try (SingleTargetGradients single = new SingleTargetGradients(c, w, transform)) {
            for (int b = 0; b < 2; b++) {
                float[] one = Arrays.copyOfRange(images, b * size, (b + 1) * size);
                for (int ti = 0; ti < TARGETS.length; ti++) {
                    SingleTargetGradients.Tensors ag = single.run(one, TARGETS[ti]);
                    double[] expected = ReferenceRule.row(
                            ag.attention(), ag.gradient(), TARGETS[ti] + c.patchOffset(), c.patchOffset());
                    int from = (b * TARGETS.length + ti) * n;
                    assertThat(ReferenceRule.relError(maps, from, expected))
                            .as("image %d target %d", b, TARGETS[ti])
                            .isLessThan(5e-5);
                    assertThat(ReferenceRule.relError(untransformed, from, expected))
                            .as("W must change the map")
                            .isGreaterThan(1e-2);
                }
            }
        }
    }

    /** The autodiff reference above, itself checked: its d||W z||/dA against float64 central differences. */
    @Test
    void transformedObjectiveGradientMatchesFiniteDifferences() {
        VitConfig c = TinyVits.config(16, 8, 8, 2, 2, true, 2);
        VitWeights w = TinyVits.random(c, 3, 2f);
        float[][] transform = random(3, c.dim(), 11);
        float[] image = TinyVits.images(1, 16, 9);
        int target = 2;
        ReferenceVit ref = new ReferenceVit(c, w);
        SingleTargetGradients.Tensors ag;
        try (SingleTargetGradients single = new SingleTargetGradients(c, w, transform)) {
            ag = single.run(image, target);
        }
        double eps = 1e-5;
        double worst = 0;
        for (int b = 0; b < c.targetLayer(); b++) {
            for (int h = 0; h < c.heads(); h++) {
                for (int i = 0; i < c.sequenceLength(); i++) {
                    for (int j = 0; j < c.sequenceLength(); j++) {
                        double up = ref.objective(image, 0, target, transform, perturb(b, h, i, j, eps));
                        double down = ref.objective(image, 0, target, transform, perturb(b, h, i, j, -eps));
                        double numeric = (up - down) / (2 * eps);
                        worst = Math.max(
                                worst, Math.abs(ag.gradient()[b][h][i][j] - numeric) / (Math.abs(numeric) + 1e-3));
                    }
                }
            }
        }
        assertThat(worst).isLessThan(1e-3);
    }

    static float[] relevance(
            VitConfig c, VitWeights w, float[] images, int batch, UltraVariant variant, float[][] transform) {
        int size = c.imageSize();
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            GraphWeights gw = GraphWeights.constants(tf, GraphLayout.prepare(w, c));
            Placeholder<TFloat32> x = tf.placeholder(TFloat32.class);
            Placeholder<TInt32> t = tf.placeholder(TInt32.class);
            Placeholder<TFloat32> wt = transform == null ? null : tf.placeholder(TFloat32.class);
            UltraOutputs out = variant == UltraVariant.FAST
                    ? FastUltraGraph.build(tf, gw, c, x, t, wt)
                    : ReplicatedUltraGraph.build(tf, gw, c, x, t, wt);
            try (Session s = new Session(g);
                    Tensor in = TensorIo.floats(images, batch, size, size, 3);
                    Tensor tt = TensorIo.ints(TARGETS);
                    Tensor wf = transform == null
                            ? null
                            : TFloat32.tensorOf(org.tensorflow.ndarray.StdArrays.ndCopyOf(transform))) {
                Session.Runner r = s.runner().feed(x, in).feed(t, tt);
                if (wt != null) {
                    r.feed(wt, wf);
                }
                try (Result res = r.fetch(out.relevance()).run()) {
                    return TensorIo.read(res.get(0));
                }
            }
        }
    }

    static float[][] identity(int d) {
        float[][] m = new float[d][d];
        for (int i = 0; i < d; i++) {
            m[i][i] = 1f;
        }
        return m;
    }

    static float[][] random(int rows, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] m = new float[rows][d];
        for (float[] row : m) {
            for (int i = 0; i < d; i++) {
                row[i] = (float) (r.nextDouble() * 2 - 1);
            }
        }
        return m;
    }

    private static BiFunction<Integer, double[][][], double[][][]> perturb(
            int block, int head, int i, int j, double eps) {
        return (b, a) -> {
            if (b == block) {
                a[head][i][j] += eps;
            }
            return a;
        };
    }
}
