package io.ultraline.model.graph;

import io.ultraline.model.weights.WeightTensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The graph-layout weights as graph operands by name, created once per graph and shared by every
 * subgraph that needs them. Exported models hold them as constants under the {@code weights/}
 * scope (a SavedModel stays one self-contained graph and the digest check reads them back by
 * name); training holds them as variables so an optimizer can update them.
 */
public final class GraphWeights {

    /** Name scope of every weight operand. */
    public static final String SCOPE = "weights";

    private final Map<String, Operand<TFloat32>> operands;

    private GraphWeights(Map<String, Operand<TFloat32>> operands) {
        this.operands = operands;
    }

    /** Weights as constants (inference graphs, SavedModels). */
    public static GraphWeights constants(Ops tf, Map<String, WeightTensor> layout) {
        Ops scoped = tf.withSubScope(SCOPE);
        Map<String, Operand<TFloat32>> ops = new LinkedHashMap<>();
        layout.forEach((name, w) -> ops.put(name, VitOps.constant(scoped.withName(name), w)));
        return new GraphWeights(ops);
    }

    /** Weights as variables initialised from the layout (training graphs). */
    public static GraphWeights variables(Ops tf, Map<String, WeightTensor> layout) {
        return variables(tf, SCOPE, layout);
    }

    /**
     * Weights as variables named {@code prefix.name}: a second set in the same graph (an EMA
     * teacher's copy) needs its own names.
     */
    public static GraphWeights variables(Ops tf, String prefix, Map<String, WeightTensor> layout) {
        // top-level names without '/': the optimizers derive slot op names from them
        Map<String, Operand<TFloat32>> ops = new LinkedHashMap<>();
        layout.forEach((name, w) -> {
            Variable<TFloat32> v = tf.withName(prefix + "." + name).variable(VitOps.constant(tf.withInitScope(), w));
            ops.put(name, v);
        });
        return new GraphWeights(ops);
    }

    public Operand<TFloat32> get(String name) {
        Operand<TFloat32> c = operands.get(name);
        if (c == null) {
            throw new IllegalStateException("no weight '" + name + "' in the graph");
        }
        return c;
    }

    public boolean has(String name) {
        return operands.containsKey(name);
    }

    /** All weight operands by graph-layout name, in creation order. */
    public Map<String, Operand<TFloat32>> all() {
        return java.util.Collections.unmodifiableMap(operands);
    }
}
