package io.ultraline.inspect;

import io.ultraline.ultra.MaskUpsampling;
import io.ultraline.ultra.SegmenterConfig;
import io.ultraline.ultra.UltraSegmenter;
import io.ultraline.ultra.eval.ConceptIdConsistency;
import io.ultraline.ultra.eval.KMeans;
import io.ultraline.ultra.eval.PatchColour;
import io.ultraline.ultra.eval.SegmentationScores;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The concept side of {@link DatasetEvaluation}, for test frames with part ids (issue 19): how well
 * the frame's ULTra concepts, upsampled to pixels, reproduce its parts ({@code concept_miou},
 * {@code concept_pixel_accuracy}, {@code concept_ari}, {@code concept_id_consistency}; see
 * {@link SegmentationScores} and {@link ConceptIdConsistency}), beside the same scores for
 *
 * <ul>
 *   <li>{@code _fixed_k}: the same maps cut into at most as many concepts as the frame has parts
 *       (the cut told the truth, an upper reference for the cut alone);
 *   <li>{@code _kmeans_tokens}: k-means over the model's tokens at the target layer, k = parts;
 *   <li>{@code _kmeans_colour}: k-means over each patch's RGB mean and standard deviation, k = parts.
 * </ul>
 *
 * All on the model's token grid, all scored per frame at pixel level and averaged over frames.
 */
final class ConceptScorecard {

    /** k-means seed: fixed, so the anchors are reproducible. */
    static final long KMEANS_SEED = 19;

    private final Map<String, double[]> sums = new LinkedHashMap<>();
    private final ConceptIdConsistency consistency = new ConceptIdConsistency();
    private int frames;
    private long concepts;
    private long parts;

    /** Scores one frame; frames without part ids are skipped. */
    void frame(LabelledDataset.TestFrame t, InspectedFrame r) throws IOException {
        if (t.partsPath() == null) {
            return;
        }
        int w = r.width();
        int h = r.height();
        int gh = r.segmentation().gridHeight();
        int gw = r.segmentation().gridWidth();
        int[] truth = LabelledDataset.readParts(t.partsPath(), w, h);
        int k = (int) Arrays.stream(truth).distinct().count();
        int[] own = MaskUpsampling.upsample(r.segmentation().labels(), gh, gw, w, h);
        add("", SegmentationScores.of(own, truth));
        consistency.add(own, truth);
        int[] fixed = new UltraSegmenter(SegmenterConfig.fixedClusters(k)).segment(r.model().maps(), gh, gw).labels();
        add("_fixed_k", SegmentationScores.of(MaskUpsampling.upsample(fixed, gh, gw, w, h), truth));
        int kk = Math.min(k, gh * gw);
        int[] byTokens = KMeans.cluster(rows(r.model().tokens(), gh * gw), kk, KMEANS_SEED);
        add("_kmeans_tokens", SegmentationScores.of(MaskUpsampling.upsample(byTokens, gh, gw, w, h), truth));
        int[] byColour = KMeans.cluster(PatchColour.features(r.image().pixels(), w, h, gh, gw), kk, KMEANS_SEED);
        add("_kmeans_colour", SegmentationScores.of(MaskUpsampling.upsample(byColour, gh, gw, w, h), truth));
        frames++;
        concepts += r.segmentation().conceptCount();
        parts += k;
    }

    /** Adds the figures when some frame had part ids. */
    void put(Map<String, Object> m) {
        if (frames == 0) {
            return;
        }
        sums.forEach((suffix, s) -> {
            m.put("concept_miou" + suffix, s[0] / frames);
            m.put("concept_pixel_accuracy" + suffix, s[1] / frames);
            m.put("concept_ari" + suffix, s[2] / frames);
            if (suffix.isEmpty()) {
                m.put("concept_id_consistency", consistency.value());
            }
        });
        m.put("concept_frames", frames);
        m.put("concept_count_mean", (double) concepts / frames);
        m.put("parts_count_mean", (double) parts / frames);
    }

    private void add(String suffix, SegmentationScores s) {
        double[] sum = sums.computeIfAbsent(suffix, x -> new double[3]);
        sum[0] += s.miou();
        sum[1] += s.pixelAccuracy();
        sum[2] += s.ari();
    }

    private static float[][] rows(float[] flat, int n) {
        int d = flat.length / n;
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = Arrays.copyOfRange(flat, i * d, (i + 1) * d);
        }
        return out;
    }
}
