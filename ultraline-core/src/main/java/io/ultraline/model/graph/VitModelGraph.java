package io.ultraline.model.graph;

import io.ultraline.model.ModelSignatures;
import io.ultraline.model.UltraVariant;
import io.ultraline.model.VitConfig;
import io.ultraline.model.weights.WeightTensor;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * One graph holding the whole model contract: {@code serving_default} (images to target-layer
 * patch tokens) and {@code ultra} (images and target patch indices to relevance rows and tokens),
 * sharing one set of weight constants. The caller owns and closes the graph.
 */
public final class VitModelGraph implements AutoCloseable {

    private final Graph graph;
    private final VitConfig config;
    private final Signature serving;
    private final Signature ultra;

    private VitModelGraph(Graph graph, VitConfig config, Signature serving, Signature ultra) {
        this.graph = graph;
        this.config = config;
        this.serving = serving;
        this.ultra = ultra;
    }

    /** Builds the graph with the fast ultra signature. */
    public static VitModelGraph build(VitConfig c, Map<String, WeightTensor> layout) {
        return build(c, layout, UltraVariant.FAST);
    }

    /** Builds the graph from graph-layout weights ({@link GraphLayout#prepare}). */
    public static VitModelGraph build(VitConfig c, Map<String, WeightTensor> layout, UltraVariant variant) {
        Graph g = new Graph();
        try {
            Ops tf = Ops.create(g);
            GraphWeights w = GraphWeights.constants(tf, layout);
            Shape imageShape = Shape.of(-1, c.imageSize(), c.imageSize(), 3);

            Ops s = tf.withSubScope("serving");
            Placeholder<TFloat32> images =
                    s.withName(ModelSignatures.IMAGES).placeholder(TFloat32.class, Placeholder.shape(imageShape));
            VitForward.Outputs fwd = VitForward.build(s, w, c, images);
            Operand<TFloat32> tokens =
                    s.withName(ModelSignatures.TOKENS).identity(VitForward.patchTokens(s, fwd.sequence(), c));
            Signature serving = Signature.builder(ModelSignatures.SERVING)
                    .input(ModelSignatures.IMAGES, images)
                    .output(ModelSignatures.TOKENS, tokens)
                    .build();

            Ops u = tf.withSubScope("explain");
            Placeholder<TFloat32> uImages =
                    u.withName(ModelSignatures.IMAGES).placeholder(TFloat32.class, Placeholder.shape(imageShape));
            Placeholder<TInt32> targets =
                    u.withName(ModelSignatures.TARGETS).placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
            Operand<TFloat32> transform = TargetTransform.input(u, c.dim());
            UltraOutputs rel = variant == UltraVariant.FAST
                    ? FastUltraGraph.build(u, w, c, uImages, targets, transform)
                    : ReplicatedUltraGraph.build(u, w, c, uImages, targets, transform);
            Signature ultra = Signature.builder(ModelSignatures.ULTRA)
                    .input(ModelSignatures.IMAGES, uImages)
                    .input(ModelSignatures.TARGETS, targets)
                    .input(ModelSignatures.TRANSFORM, transform)
                    .output(ModelSignatures.RELEVANCE, rel.relevance())
                    .output(ModelSignatures.TOKENS, rel.tokens())
                    .build();
            return new VitModelGraph(g, c, serving, ultra);
        } catch (RuntimeException e) {
            g.close();
            throw e;
        }
    }

    public Graph graph() {
        return graph;
    }

    public VitConfig config() {
        return config;
    }

    public Signature servingSignature() {
        return serving;
    }

    public Signature ultraSignature() {
        return ultra;
    }

    @Override
    public void close() {
        graph.close();
    }
}
