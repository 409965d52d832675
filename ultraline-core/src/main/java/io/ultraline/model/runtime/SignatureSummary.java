package io.ultraline.model.runtime;

import java.util.List;

/**
 * One signature of a loaded model as plain text, for {@code ultraline model info}: each input and
 * output as {@code "name DTYPE shape"}. Lets the command line show signatures without touching
 * TensorFlow's {@code Signature} type.
 *
 * @param key     the signature key, e.g. {@code serving_default}
 * @param inputs  its inputs, in the signature's order
 * @param outputs its outputs, in the signature's order
 */
public record SignatureSummary(String key, List<String> inputs, List<String> outputs) {

    public SignatureSummary {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }
}
