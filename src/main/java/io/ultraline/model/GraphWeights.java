package io.ultraline.model;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The graph-layout weights as constants under the {@code weights/} name scope, created once per
 * graph and shared by every subgraph that needs them. Constants (not variables) keep a SavedModel
 * a single self-contained graph; the digest check reads them back by these names.
 */
public final class GraphWeights {

    /** Name scope of every weight constant. */
    public static final String SCOPE = "weights";

    private final Map<String, Operand<TFloat32>> constants = new LinkedHashMap<>();

    public GraphWeights(Ops tf, Map<String, WeightTensor> layout) {
        Ops scoped = tf.withSubScope(SCOPE);
        for (Map.Entry<String, WeightTensor> e : layout.entrySet()) {
            constants.put(e.getKey(), VitOps.constant(scoped.withName(e.getKey()), e.getValue()));
        }
    }

    public Operand<TFloat32> get(String name) {
        Operand<TFloat32> c = constants.get(name);
        if (c == null) {
            throw new IllegalStateException("no weight constant '" + name + "' in the graph");
        }
        return c;
    }

    public boolean has(String name) {
        return constants.containsKey(name);
    }
}
