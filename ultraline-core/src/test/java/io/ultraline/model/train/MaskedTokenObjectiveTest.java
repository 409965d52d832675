package io.ultraline.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ultraline.model.graph.GraphWeights;
import io.ultraline.model.graph.VitOps;
import io.ultraline.model.runtime.TensorIo;
import io.ultraline.model.weights.WeightTensor;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class MaskedTokenObjectiveTest {

    @Test
    void targetsHaveZeroMeanAndUnitVariancePerToken() {
        float[] x = random(2 * 3 * 8, 1, 3f);
        for (int i = 0; i < 8; i++) {
            x[i] += 5; // one token far from zero mean
        }
        float[] y;
        try (Graph g = new Graph();
                Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            y = fetch(
                    s,
                    MaskedTokenObjective.normalisedTargets(
                            tf, tf.reshape(tf.constant(x), VitOps.ints(tf, 2, 3, 8)), 1e-6f));
        }
        for (int t = 0; t < 6; t++) {
            double mean = 0;
            double var = 0;
            double inMean = 0;
            for (int d = 0; d < 8; d++) {
                mean += y[t * 8 + d] / 8.0;
                inMean += x[t * 8 + d] / 8.0;
            }
            double inVar = 0;
            for (int d = 0; d < 8; d++) {
                var += Math.pow(y[t * 8 + d] - mean, 2) / 8.0;
                inVar += Math.pow(x[t * 8 + d] - inMean, 2) / 8.0;
            }
            assertThat(mean).as("token " + t).isCloseTo(0, within(1e-5));
            assertThat(var).as("token " + t).isCloseTo(1, within(1e-4));
            assertThat(y[t * 8 + 3]).isCloseTo((float) ((x[t * 8 + 3] - inMean) / Math.sqrt(inVar)), within(1e-4f));
        }
    }

    @Test
    void lossAveragesTheSquaredErrorOfWeightedPlacesOnly() {
        float[] predicted = {1, 2, 3, 4, 5, 6};
        float[] target = {0, 0, 9, 9, 5, 8};
        try (Graph g = new Graph();
                Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Operand<TFloat32> p = tf.reshape(tf.constant(predicted), VitOps.ints(tf, 3, 2));
            Operand<TFloat32> t = tf.reshape(tf.constant(target), VitOps.ints(tf, 3, 2));
            float some = fetch(s, MaskedTokenObjective.maskedMse(tf, p, t, tf.constant(new float[] {1, 0, 1})))[0];
            float none = fetch(s, MaskedTokenObjective.maskedMse(tf, p, t, tf.constant(new float[3])))[0];
            // place 0: (1 + 4) / 2; place 2: (0 + 4) / 2; place 1 (weight 0) would add (36 + 25) / 2
            assertThat(some).isCloseTo((2.5f + 2f) / 2, within(1e-6f));
            assertThat(none).isZero();
        }
    }

    @Test
    void teacherMovesTowardTheStudentByOneMinusMomentumPerUpdate() {
        Map<String, WeightTensor> teacherStart = Map.of("w", WeightTensor.of(new float[] {1, -2, 4}, 3));
        Map<String, WeightTensor> studentStart = Map.of("w", WeightTensor.of(new float[] {3, 2, 0}, 3));
        try (Graph g = new Graph();
                Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            GraphWeights teacher = GraphWeights.variables(tf, MaskedTokenObjective.TEACHER, teacherStart);
            GraphWeights student = GraphWeights.variables(tf, "student", studentStart);
            Op update = MaskedTokenObjective.emaUpdate(tf, teacher, student, 0.9f);
            s.initialize();
            s.runner().addTarget(update).run();
            assertThat(fetch(s, teacher.get("w"))).containsExactly(new float[] {1.2f, -1.6f, 3.6f}, within(1e-6f));
            s.runner().addTarget(update).run();
            // 0.81 * teacher + 0.19 * student
            assertThat(fetch(s, teacher.get("w"))).containsExactly(new float[] {1.38f, -1.24f, 3.24f}, within(1e-5f));
            assertThat(fetch(s, student.get("w"))).containsExactly(3f, 2f, 0f);
        }
    }

    private static float[] fetch(Session s, Operand<TFloat32> op) {
        try (Result r = s.runner().fetch(op).run()) {
            return TensorIo.read(r.get(0));
        }
    }

    private static float[] random(int n, long seed, float scale) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextGaussian() * scale);
        }
        return x;
    }
}
