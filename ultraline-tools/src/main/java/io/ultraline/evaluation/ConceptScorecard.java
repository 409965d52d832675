package io.ultraline.evaluation;

import io.ultraline.inspect.InspectedFrame;
import io.ultraline.inspect.TransformCalibration;
import io.ultraline.ultra.ConceptResolution;
import io.ultraline.ultra.MaskUpsampling;
import io.ultraline.ultra.Segmentation;
import io.ultraline.ultra.SegmenterConfig;
import io.ultraline.ultra.UltraSegmenter;
import io.ultraline.ultra.align.ConceptAlignment;
import io.ultraline.ultra.align.ConceptPrototypes;
import io.ultraline.ultra.eval.ConceptIdConsistency;
import io.ultraline.ultra.eval.KMeans;
import io.ultraline.ultra.eval.PatchColour;
import io.ultraline.ultra.eval.SegmentationScores;
import io.ultraline.ultra.transform.ConsistencyTrainer;
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
 * <p>and, to tell where concepts lose (the grid, the maps, the clustering or the labelling):
 *
 * <ul>
 *   <li>{@code _linkage}: the ULTra paper's concept step on the same maps (average linkage cut at
 *       tau 0.25, argmax labelling), the rule the joint default replaced;
 *   <li>{@code _grid_oracle}: every grid cell labelled with the part most of its pixels show, the
 *       ceiling of any labelling on this token grid;
 *   <li>{@code _kmeans_maps}: k-means over the ULTra maps themselves (after the self-entry fix,
 *       scaled to unit length, so distances follow the cosine), k = parts;
 *   <li>{@code _fixed_k_membership}: the fixed-K clusters by membership (each patch in its own
 *       map's cluster) instead of the argmax of the aggregated concept maps;
 *   <li>{@code _kmeans_tokens_w}: k-means over the tokens through a transform W learned on the
 *       calibration frames ({@link TransformCalibration}), when one was given;
 *   <li>with concept prototypes ({@link ConceptPrototypes}): {@code _aligned}, the concepts under the
 *       camera's ids; {@code concept_id_consistency} then scores those ids and
 *       {@code concept_id_consistency_unaligned} the segmenter's own; {@code _patchwise} names each
 *       patch by its nearest prototype.
 * </ul>
 *
 * All on the model's token grid, all scored per frame at pixel level and averaged over frames. The
 * concepts themselves (and their aligned ids) reach the pixels as the {@link ConceptResolution}
 * says; with {@link ConceptResolution#PIXEL} the {@code _token_grid} twin scores the same concepts
 * upsampled nearest-neighbour, and {@code concept_pixel_step_ms} is the refinement's mean cost.
 */
final class ConceptScorecard {

    /** k-means seed: fixed, so the anchors are reproducible. */
    static final long KMEANS_SEED = 19;

    private static final UltraSegmenter PAPER = new UltraSegmenter(SegmenterConfig.paper());

    private final Map<String, double[]> sums = new LinkedHashMap<>();
    /** Null: no transform learned; else {@code _kmeans_tokens_w} scores k-means over W z. */
    private final ConsistencyTrainer.Result transform;

    private final double transformSeconds;

    /** Null: no prototypes learned; else concept ids are aligned to them before id consistency. */
    private final ConceptPrototypes prototypes;

    private final double prototypeSeconds;

    private ConceptResolution resolution = ConceptResolution.PIXEL;
    private long pixelStepNanos;

    ConceptScorecard() {
        this(null, 0, null, 0);
    }

    /** How concepts reach the pixels (default {@link ConceptResolution#PIXEL}). */
    ConceptScorecard withResolution(ConceptResolution resolution) {
        this.resolution = resolution;
        return this;
    }

    ConceptScorecard(
            ConsistencyTrainer.Result transform,
            double transformSeconds,
            ConceptPrototypes prototypes,
            double prototypeSeconds) {
        this.transform = transform;
        this.transformSeconds = transformSeconds;
        this.prototypes = prototypes;
        this.prototypeSeconds = prototypeSeconds;
    }

    private final ConceptIdConsistency consistency = new ConceptIdConsistency();
    private final ConceptIdConsistency alignedConsistency = new ConceptIdConsistency();
    private final ConceptIdConsistency alignedTokenGridConsistency = new ConceptIdConsistency();
    private final ConceptIdConsistency oracleConsistency = new ConceptIdConsistency();
    private final ConceptIdConsistency patchConsistency = new ConceptIdConsistency();
    private long alignedConcepts;
    private long linkageConcepts;
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
        float[] rgb = r.image().pixels();
        long start = System.nanoTime();
        int[] own = resolution.pixelLabels(r.segmentation().labels(), gh, gw, rgb, w, h);
        pixelStepNanos += System.nanoTime() - start;
        add("", SegmentationScores.of(own, truth));
        if (resolution == ConceptResolution.PIXEL) {
            add(
                    "_token_grid",
                    SegmentationScores.of(
                            MaskUpsampling.upsample(r.segmentation().labels(), gh, gw, w, h), truth));
        }
        consistency.add(own, truth);
        oracleConsistency.add(namedByMajorityPart(own, truth), truth);
        if (prototypes != null) {
            // the camera's ids (issue 19, part 4): _aligned scores and the id consistency that counts
            int[] ids = ConceptAlignment.relabel(
                    r.segmentation().labels(),
                    r.modelOutput().tokens(),
                    r.modelOutput().dim(),
                    prototypes);
            int[] aligned = resolution.pixelLabels(ids, gh, gw, rgb, w, h);
            alignedConsistency.add(aligned, truth);
            if (resolution == ConceptResolution.PIXEL) {
                alignedTokenGridConsistency.add(MaskUpsampling.upsample(ids, gh, gw, w, h), truth);
            }
            add("_aligned", SegmentationScores.of(aligned, truth));
            alignedConcepts += Arrays.stream(ids).distinct().count();
            patchConsistency.add(
                    MaskUpsampling.upsample(
                            ConceptAlignment.patchIds(
                                    r.modelOutput().tokens(), r.modelOutput().dim(), prototypes),
                            gh,
                            gw,
                            w,
                            h),
                    truth);
        }
        Segmentation paper =
                PAPER.segment(r.modelOutput().maps(), r.modelOutput().targets(), gh, gw);
        add("_linkage", SegmentationScores.of(MaskUpsampling.upsample(paper.labels(), gh, gw, w, h), truth));
        linkageConcepts += paper.conceptCount();
        Segmentation fixedK = new UltraSegmenter(SegmenterConfig.fixedClusters(k))
                .segment(r.modelOutput().maps(), r.modelOutput().targets(), gh, gw);
        add("_fixed_k", SegmentationScores.of(MaskUpsampling.upsample(fixedK.labels(), gh, gw, w, h), truth));
        // membership and k-means over maps label the patches that have a map: only all targets cover the grid
        boolean allMaps = fixedK.allTargets();
        if (allMaps) {
            add(
                    "_fixed_k_membership",
                    SegmentationScores.of(MaskUpsampling.upsample(membershipByPatch(fixedK), gh, gw, w, h), truth));
        }
        add(
                "_grid_oracle",
                SegmentationScores.of(
                        MaskUpsampling.upsample(majorityPerCell(truth, w, h, gh, gw), gh, gw, w, h), truth));
        int kk = Math.min(k, gh * gw);
        int[] byTokens = KMeans.cluster(rows(r.modelOutput().tokens(), gh * gw), kk, KMEANS_SEED);
        add("_kmeans_tokens", SegmentationScores.of(MaskUpsampling.upsample(byTokens, gh, gw, w, h), truth));
        if (transform != null) {
            int[] byW = KMeans.cluster(
                    rows(transform.transform().apply(r.modelOutput().tokens(), gh * gw), gh * gw), kk, KMEANS_SEED);
            add("_kmeans_tokens_w", SegmentationScores.of(MaskUpsampling.upsample(byW, gh, gw, w, h), truth));
        }
        if (allMaps) {
            int[] byMaps = patchOrder(KMeans.cluster(unitRows(fixedK.fixedMaps()), kk, KMEANS_SEED), fixedK.targets());
            add("_kmeans_maps", SegmentationScores.of(MaskUpsampling.upsample(byMaps, gh, gw, w, h), truth));
        }
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
        });
        if (prototypes != null) {
            m.put("concept_id_consistency", alignedConsistency.value());
            m.put("concept_id_consistency_unaligned", consistency.value());
            if (resolution == ConceptResolution.PIXEL) {
                m.put("concept_id_consistency_token_grid", alignedTokenGridConsistency.value());
            }
            m.put("concept_id_consistency_patchwise", patchConsistency.value());
            m.put("concept_prototypes", prototypes.count());
            m.put("concept_prototype_seconds", prototypeSeconds);
            m.put("concept_count_mean_aligned", (double) alignedConcepts / frames);
        } else {
            m.put("concept_id_consistency", consistency.value());
        }
        m.put("concept_id_consistency_oracle", oracleConsistency.value());
        if (transform != null) {
            m.put("transform_seconds", transformSeconds);
            m.put("transform_invariance", transform.invariance());
            m.put("transform_variance", transform.variance());
            m.put("transform_covariance", transform.covariance());
        }
        m.put("concept_resolution", resolution.name().toLowerCase(java.util.Locale.ROOT));
        m.put("concept_pixel_step_ms", pixelStepNanos / 1e6 / frames);
        m.put("concept_frames", frames);
        m.put("concept_count_mean", (double) concepts / frames);
        m.put("concept_count_mean_linkage", (double) linkageConcepts / frames);
        m.put("parts_count_mean", (double) parts / frames);
    }

    /** The figures that W changes, as {@code _without_transform} twins: this card scored the plain maps. */
    void putWithoutTransform(Map<String, Object> m) {
        Map<String, Object> own = new LinkedHashMap<>();
        put(own);
        for (String key : new String[] {
            "concept_miou",
            "concept_pixel_accuracy",
            "concept_ari",
            "concept_id_consistency",
            "concept_id_consistency_unaligned",
            "concept_count_mean",
            "concept_miou_fixed_k",
            "concept_ari_fixed_k",
            "concept_miou_aligned",
            "concept_miou_linkage",
            "concept_ari_linkage",
            "concept_miou_token_grid",
            "concept_pixel_accuracy_token_grid",
            "concept_ari_token_grid",
            "concept_id_consistency_token_grid"
        }) {
            if (own.containsKey(key)) {
                m.put(key + "_without_transform", own.get(key));
            }
        }
    }

    private void add(String suffix, SegmentationScores s) {
        double[] sum = sums.computeIfAbsent(suffix, x -> new double[3]);
        sum[0] += s.miou();
        sum[1] += s.pixelAccuracy();
        sum[2] += s.ari();
    }

    /**
     * Each concept renamed to the part most of its pixels show, with the truth's help: a reference
     * for the id consistency that renaming whole concepts (what alignment does) can reach. Not a
     * strict bound: naming a concept after a minority part can now and then keep one more part right.
     */
    static int[] namedByMajorityPart(int[] concepts, int[] parts) {
        int cMax = Arrays.stream(concepts).max().orElse(0);
        int pMax = Arrays.stream(parts).max().orElse(0);
        int[][] counts = new int[cMax + 1][pMax + 1];
        for (int i = 0; i < concepts.length; i++) {
            counts[concepts[i]][parts[i]]++;
        }
        int[] name = new int[cMax + 1];
        for (int c = 0; c <= cMax; c++) {
            for (int p = 1; p <= pMax; p++) {
                if (counts[c][p] > counts[c][name[c]]) {
                    name[c] = p;
                }
            }
        }
        int[] out = new int[concepts.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = name[concepts[i]];
        }
        return out;
    }

    /** Each patch's cluster by its own map, in patch order (all targets given). */
    private static int[] membershipByPatch(Segmentation s) {
        return patchOrder(s.clusters().labels(), s.targets());
    }

    /** Values per target row put in patch order: out[targets[k]] = perRow[k]. */
    private static int[] patchOrder(int[] perRow, int[] targets) {
        int[] out = new int[perRow.length];
        for (int k = 0; k < perRow.length; k++) {
            out[targets[k]] = perRow[k];
        }
        return out;
    }

    private static float[][] unitRows(float[][] maps) {
        float[][] out = new float[maps.length][];
        for (int i = 0; i < maps.length; i++) {
            double norm = 0;
            for (float v : maps[i]) {
                norm += v * v;
            }
            float scale = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0;
            out[i] = new float[maps[i].length];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = maps[i][j] * scale;
            }
        }
        return out;
    }

    /** Each cell's most common part id (ties to the lower id), cells as {@link MaskUpsampling} maps them. */
    static int[] majorityPerCell(int[] parts, int w, int h, int gh, int gw) {
        int max = Arrays.stream(parts).max().orElse(0);
        int[][] counts = new int[gh * gw][max + 1];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                counts[(int) ((long) y * gh / h) * gw + (int) ((long) x * gw / w)][parts[y * w + x]]++;
            }
        }
        int[] out = new int[gh * gw];
        for (int c = 0; c < out.length; c++) {
            for (int id = 1; id <= max; id++) {
                if (counts[c][id] > counts[c][out[c]]) {
                    out[c] = id;
                }
            }
        }
        return out;
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
