package io.ultraline.model.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultraline.model.ModelSignatures;
import io.ultraline.model.TinyVits;
import io.ultraline.model.VitConfig;
import io.ultraline.model.runtime.TensorIo;
import io.ultraline.model.weights.VitWeights;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;

class VitForwardTest {

    @ParameterizedTest(name = "cls={0} depth={1} layer={2} imagenet-normalisation={3}")
    @CsvSource({"true,2,2,false", "false,3,2,false", "true,3,1,false", "true,2,2,true"})
    void graphTokensMatchFloat64Reference(boolean cls, int depth, int layer, boolean imagenet) {
        VitConfig tiny = TinyVits.config(32, 8, 16, depth, 2, cls, layer);
        // distinct per-channel values catch a normalisation that mixes up the channels
        VitConfig c = !imagenet
                ? tiny
                : new VitConfig(
                        32,
                        8,
                        16,
                        depth,
                        2,
                        tiny.mlpHidden(),
                        true,
                        1e-6f,
                        cls,
                        new float[] {0.485f, 0.456f, 0.406f},
                        new float[] {0.229f, 0.224f, 0.225f},
                        layer);
        VitWeights w = TinyVits.random(c, 7, 3f);
        float[] images = TinyVits.images(2, 32, 11);
        ReferenceVit ref = new ReferenceVit(c, w);
        try (VitModelGraph g = VitModelGraph.build(c, GraphLayout.prepare(w, c));
                Session s = new Session(g.graph());
                Tensor in = TensorIo.floats(images, 2, 32, 32, 3);
                Result r = s.run(g.servingSignature(), Map.of(ModelSignatures.IMAGES, in))) {
            Tensor tokens = r.get(ModelSignatures.TOKENS).orElseThrow();
            assertThat(TensorIo.shape(tokens)).containsExactly(2, c.numPatches(), c.dim());
            float[] got = TensorIo.read(tokens);
            double maxRel = 0;
            for (int b = 0; b < 2; b++) {
                double[][] seq = ref.forward(images, b).sequence();
                for (int t = 0; t < c.numPatches(); t++) {
                    double[] z = seq[t + c.patchOffset()];
                    double num = 0;
                    double den = 0;
                    for (int e = 0; e < c.dim(); e++) {
                        double diff = got[(b * c.numPatches() + t) * c.dim() + e] - z[e];
                        num += diff * diff;
                        den += z[e] * z[e];
                    }
                    maxRel = Math.max(maxRel, Math.sqrt(num / den));
                }
            }
            assertThat(maxRel).isLessThan(1e-4);
        }
    }
}
