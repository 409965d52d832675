package io.ultraline.model.runtime;

import io.ultraline.model.InvalidModelException;
import io.ultraline.model.ModelSignatures;
import io.ultraline.model.VitConfig;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tensorflow.Signature;
import org.tensorflow.proto.DataType;

/** Checks a loaded model's signatures against the contract of docs/design.md section 4. */
final class ContractCheck {

    private static final long ANY = -1;

    private ContractCheck() {}

    static void requireSignatures(Path dir, List<Signature> signatures, VitConfig c) {
        long h = c.imageSize();
        long n = c.numPatches();
        long d = c.dim();
        Signature serving = find(dir, signatures, ModelSignatures.SERVING);
        require(dir, serving, true, ModelSignatures.IMAGES, DataType.DT_FLOAT, ANY, h, h, 3);
        require(dir, serving, false, ModelSignatures.TOKENS, DataType.DT_FLOAT, ANY, n, d);
        Signature ultra = find(dir, signatures, ModelSignatures.ULTRA);
        require(dir, ultra, true, ModelSignatures.IMAGES, DataType.DT_FLOAT, ANY, h, h, 3);
        require(dir, ultra, true, ModelSignatures.TARGETS, DataType.DT_INT32, ANY);
        if (ultra.getInputs().containsKey(ModelSignatures.TRANSFORM)) {
            // optional: models exported before issue 19 have no transform input and keep loading
            require(dir, ultra, true, ModelSignatures.TRANSFORM, DataType.DT_FLOAT, ANY, d);
        }
        require(dir, ultra, false, ModelSignatures.RELEVANCE, DataType.DT_FLOAT, ANY, ANY, n);
        require(dir, ultra, false, ModelSignatures.TOKENS, DataType.DT_FLOAT, ANY, n, d);
    }

    private static Signature find(Path dir, List<Signature> signatures, String key) {
        return signatures.stream()
                .filter(s -> s.key().equals(key))
                .findFirst()
                .orElseThrow(() -> new InvalidModelException("model " + dir + " lacks signature '" + key + "' (it has "
                        + signatures.stream().map(Signature::key).toList() + ")"));
    }

    private static void require(Path dir, Signature sig, boolean input, String name, DataType type, long... dims) {
        Map<String, Signature.TensorDescription> map = input ? sig.getInputs() : sig.getOutputs();
        String kind = input ? "input" : "output";
        Signature.TensorDescription t = map.get(name);
        if (t == null) {
            throw new InvalidModelException("model " + dir + ": signature '" + sig.key() + "' lacks " + kind + " '"
                    + name + "' (it has " + map.keySet() + ")");
        }
        if (t.dataType != type) {
            throw new InvalidModelException("model " + dir + ": " + sig.key() + " " + kind + " '" + name + "' is "
                    + t.dataType + ", expected " + type);
        }
        long[] actual = t.shape.asArray();
        boolean ok = actual != null && actual.length == dims.length;
        for (int i = 0; ok && i < dims.length; i++) {
            ok = dims[i] == ANY || actual[i] == dims[i];
        }
        if (!ok) {
            throw new InvalidModelException("model " + dir + ": " + sig.key() + " " + kind + " '" + name
                    + "' has shape " + Arrays.toString(actual) + ", expected " + Arrays.toString(dims)
                    + " (-1 = any)");
        }
    }
}
