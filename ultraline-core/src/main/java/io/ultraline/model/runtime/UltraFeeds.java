package io.ultraline.model.runtime;

import io.ultraline.model.ModelSignatures;
import io.ultraline.ultra.transform.TokenTransform;
import java.util.HashMap;
import java.util.Map;
import org.tensorflow.Tensor;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The arguments of one ultra call. A signature function wants every input it declares, so a
 * model with the {@code transform} input always gets a W (identity when the caller has none) and
 * a model exported before it never does.
 */
final class UltraFeeds {

    private UltraFeeds() {}

    /** W as a tensor the caller closes, identity when null; null for a model without the input. */
    static TFloat32 transform(LoadedModel model, TokenTransform transform) {
        if (!model.acceptsTransform()) {
            return null;
        }
        TokenTransform w = transform != null
                ? transform
                : TokenTransform.identity(model.config().dim());
        return TensorIo.floats(w.weights(), w.outDim(), w.inDim());
    }

    /** transform null: not fed. */
    static Map<String, Tensor> of(TFloat32 images, TInt32 targets, TFloat32 transform) {
        Map<String, Tensor> in = new HashMap<>();
        in.put(ModelSignatures.IMAGES, images);
        in.put(ModelSignatures.TARGETS, targets);
        if (transform != null) {
            in.put(ModelSignatures.TRANSFORM, transform);
        }
        return in;
    }
}
