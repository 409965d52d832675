package io.ultraline.model.runtime;

import io.ultraline.model.InvalidModelException;
import io.ultraline.model.ModelManifest;
import io.ultraline.model.ModelSignatures;
import io.ultraline.model.VitConfig;
import io.ultraline.model.graph.GraphWeights;
import io.ultraline.model.weights.WeightTensor;
import io.ultraline.model.weights.WeightsDigest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.GraphOperation;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Tensor;
import org.tensorflow.proto.ConfigProto;

/**
 * A SavedModel loaded once and checked against the contract: manifest present and sane, both
 * signatures with the expected names, dtypes and shapes, and the weight constants hashing to the
 * manifest's digest. Anything else is refused at load with a message naming the problem; there
 * is no fallback to "the first signature". Thread-safe for calls; the owner closes it.
 */
public final class LoadedModel implements AutoCloseable {

    private final Path dir;
    private final ModelManifest manifest;
    private final VitConfig config;
    private final SavedModelBundle bundle;
    private final SessionFunction serving;
    private final SessionFunction ultra;
    private final boolean acceptsTransform;

    private LoadedModel(Path dir, ModelManifest manifest, SavedModelBundle bundle) {
        this.dir = dir;
        this.manifest = manifest;
        this.config = manifest.config();
        this.bundle = bundle;
        this.serving = function(ModelSignatures.SERVING);
        this.ultra = function(ModelSignatures.ULTRA);
        this.acceptsTransform = ultra.signature().getInputs().containsKey(ModelSignatures.TRANSFORM);
    }

    /** Loads with TensorFlow's default threading. */
    public static LoadedModel load(Path dir) {
        return load(dir, 0, 0);
    }

    /** intraOpThreads / interOpThreads: 0 lets TensorFlow choose. */
    public static LoadedModel load(Path dir, int intraOpThreads, int interOpThreads) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidModelException("model directory " + dir + " does not exist");
        }
        if (!Files.isRegularFile(dir.resolve("saved_model.pb"))) {
            throw new InvalidModelException("model directory " + dir + " is not a SavedModel (no saved_model.pb)");
        }
        ModelManifest manifest = ModelManifest.read(dir);
        ConfigProto cfg = ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(intraOpThreads)
                .setInterOpParallelismThreads(interOpThreads)
                // TensorFlow's inter-op pool is otherwise one per process, sized by the first session
                .setUsePerSessionThreads(true)
                .build();
        SavedModelBundle bundle;
        try {
            bundle = SavedModelBundle.loader(dir.toString())
                    .withTags(SavedModelBundle.DEFAULT_TAG)
                    .withConfigProto(cfg)
                    .load();
        } catch (RuntimeException e) {
            throw new InvalidModelException(
                    "model " + dir + " could not be loaded as a SavedModel: " + e.getMessage(), e);
        }
        try {
            LoadedModel m = new LoadedModel(dir, manifest, bundle);
            ContractCheck.requireSignatures(dir, bundle.signatures(), m.config);
            m.requireDigest();
            return m;
        } catch (RuntimeException e) {
            bundle.close();
            throw e;
        }
    }

    private SessionFunction function(String key) {
        boolean present = bundle.signatures().stream().anyMatch(s -> s.key().equals(key));
        if (!present) {
            List<String> keys = bundle.signatures().stream().map(s -> s.key()).toList();
            throw new InvalidModelException("model " + dir + " lacks signature '" + key + "' (it has " + keys + ")");
        }
        return bundle.function(key);
    }

    /** Reads every weight constant back from the loaded graph and compares the digest. */
    private void requireDigest() {
        String actual = WeightsDigest.of(weights());
        if (!actual.equals(manifest.weightsSha256())) {
            throw new InvalidModelException("model " + dir + ": weights digest " + actual
                    + " does not match the manifest's " + manifest.weightsSha256());
        }
    }

    /** The graph's weight constants by graph-layout name, read back from the loaded graph. */
    public Map<String, WeightTensor> weights() {
        List<GraphOperation> consts = new ArrayList<>();
        Iterator<GraphOperation> it = bundle.graph().operations();
        String prefix = GraphWeights.SCOPE + "/";
        while (it.hasNext()) {
            GraphOperation op = it.next();
            if (op.type().equals("Const") && op.name().startsWith(prefix)) {
                consts.add(op);
            }
        }
        if (consts.isEmpty()) {
            throw new InvalidModelException("model " + dir + " has no weight constants under '" + prefix + "'");
        }
        Map<String, WeightTensor> weights = new LinkedHashMap<>();
        Session.Runner runner = bundle.session().runner();
        consts.forEach(op -> runner.fetch(op.output(0)));
        try (Result r = runner.run()) {
            for (int i = 0; i < consts.size(); i++) {
                Tensor t = r.get(i);
                weights.put(
                        consts.get(i).name().substring(prefix.length()),
                        new WeightTensor(TensorIo.shape(t), TensorIo.read(t)));
            }
        }
        return weights;
    }

    public Path directory() {
        return dir;
    }

    public ModelManifest manifest() {
        return manifest;
    }

    public VitConfig config() {
        return config;
    }

    /** The serving_default function (images to tokens); TensorFlow's type, so only for this package. */
    SessionFunction serving() {
        return serving;
    }

    /** The ultra function (images and targets to relevance and tokens); only for this package. */
    SessionFunction ultra() {
        return ultra;
    }

    /** Both signatures, serving_default then ultra, as plain text. */
    public List<SignatureSummary> signatures() {
        return List.of(summary(ModelSignatures.SERVING, serving), summary(ModelSignatures.ULTRA, ultra));
    }

    private static SignatureSummary summary(String key, SessionFunction function) {
        List<String> in = new ArrayList<>();
        List<String> out = new ArrayList<>();
        function.signature().getInputs().forEach((n, t) -> in.add(n + " " + t.dataType + " " + t.shape));
        function.signature().getOutputs().forEach((n, t) -> out.add(n + " " + t.dataType + " " + t.shape));
        return new SignatureSummary(key, in, out);
    }

    /**
     * Whether the ultra signature takes a token transform W (graphs built since issue 19; an older
     * directory gets one from {@code ultraline model rebuild}).
     */
    public boolean acceptsTransform() {
        return acceptsTransform;
    }

    @Override
    public void close() {
        bundle.close();
    }
}
