package io.ultraline.ultra;

/**
 * Segments one image from the explanation maps of its patch tokens: self-entry fix, then the
 * concept step the {@link SegmenterConfig} names, then one normalised map per cluster. The paper's
 * step (docs/design.md section 1: average linkage over cosine distances, a height cut, an argmax
 * label per patch) is {@link SegmenterConfig.Method#LINKAGE}; the default,
 * {@link SegmenterConfig.Method#JOINT}, also reads every patch's token ({@link JointConcepts}).
 *
 * <p>The maps may be those of all N patch tokens or of T target tokens only (issue 21): the
 * clustering then runs over the T maps, while the concept maps and the labels still cover all N
 * patches, because every map spans all N patches.
 *
 * <p>Stateless and therefore safe to share between threads. The same input always gives the same
 * {@link Segmentation}; the tie-breaks are those of {@link AverageLinkage},
 * {@link PatchLabelling} and the {@link Dendrogram} cuts.
 */
public final class UltraSegmenter {

    private final SegmenterConfig config;

    /** A segmenter with the given cut. */
    public UltraSegmenter(SegmenterConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        this.config = config;
    }

    /** The cut this segmenter uses. */
    public SegmenterConfig config() {
        return config;
    }

    /**
     * Segments one image.
     *
     * @param maps {@code float[N][N]}: row {@code i} is the map of patch token {@code i} over
     *     the N patch tokens, before the self-entry fix; not modified
     * @param gridH token rows
     * @param gridW token columns, with {@code N = gridH * gridW}
     * @return the segmentation
     * @throws IllegalArgumentException if the grid is empty, the number of maps is not
     *     {@code gridH * gridW}, the maps are not square or a value is NaN or infinite
     */
    public Segmentation segment(float[][] maps, int gridH, int gridW) {
        MapsValidation.requireValid(maps, gridH, gridW);
        return segmentValid(SelfEntryFix.fixed(maps), allTargets(maps.length), null, gridH, gridW);
    }

    /**
     * Segments one image from its maps and the tokens of its N patches; the joint step needs them,
     * the linkage step ignores them.
     *
     * @param maps {@code float[T][N]}: row {@code k} is the map of patch token {@code targets[k]}
     *     over the N patch tokens, before the self-entry fix; not modified
     * @param targets T distinct patch indices in {@code 0..N-1}, in any order
     * @param tokens the N patch tokens, row-major {@code N * D} (through W where the maps are)
     * @param gridH token rows
     * @param gridW token columns, with {@code N = gridH * gridW}
     * @throws IllegalArgumentException as {@link #segment(float[][], int[], int, int)}, or if the
     *     tokens are not N rows of equal, positive length or hold NaN or infinity
     */
    public Segmentation segment(float[][] maps, int[] targets, float[] tokens, int gridH, int gridW) {
        MapsValidation.requireValid(maps, targets, gridH, gridW);
        float[][] rows = MapsValidation.tokenRows(tokens, gridH * gridW);
        return segmentValid(fixedRows(maps, targets), targets.clone(), rows, gridH, gridW);
    }

    /**
     * Segments one image from the maps of some of its patch tokens (sparse targets).
     *
     * @param maps {@code float[T][N]}: row {@code k} is the map of patch token {@code targets[k]}
     *     over the N patch tokens, before the self-entry fix; not modified
     * @param targets T distinct patch indices in {@code 0..N-1}, in any order
     * @param gridH token rows
     * @param gridW token columns, with {@code N = gridH * gridW}
     * @return the segmentation; its clusters group the T maps, its labels cover all N patches
     * @throws IllegalArgumentException if the grid is empty, there is not one map of N entries per
     *     target, a target is repeated or outside the grid, or a value is NaN or infinite
     */
    public Segmentation segment(float[][] maps, int[] targets, int gridH, int gridW) {
        MapsValidation.requireValid(maps, targets, gridH, gridW);
        return segmentValid(fixedRows(maps, targets), targets.clone(), null, gridH, gridW);
    }

    private static float[][] fixedRows(float[][] maps, int[] targets) {
        float[][] fixedMaps = new float[maps.length][];
        for (int k = 0; k < maps.length; k++) {
            fixedMaps[k] = maps[k].clone();
            SelfEntryFix.fixRow(fixedMaps[k], targets[k]);
        }
        return fixedMaps;
    }

    private Segmentation segmentValid(float[][] fixedMaps, int[] targets, float[][] tokens, int gridH, int gridW) {
        if (config.needsTokens()) {
            if (tokens == null) {
                throw new IllegalArgumentException("the joint concept step needs the patch tokens;"
                        + " use segment(maps, targets, tokens, gridH, gridW) or a linkage config");
            }
            JointConcepts.Cut cut =
                    JointConcepts.cut(fixedMaps, targets, tokens, config.maxConcepts(), config.tokenLengthExponent());
            float[][] clusterMaps = ConceptAggregation.conceptMaps(fixedMaps, cut.clusters());
            int[] concepts = allTargets(cut.clusters().clusterCount());
            return new Segmentation(
                    gridH, gridW, fixedMaps, cut.clusters(), clusterMaps, cut.labels(), concepts, targets);
        }
        Dendrogram tree = AverageLinkage.build(CosineDistances.matrix(fixedMaps));
        Clustering clusters = config.cut(tree);
        float[][] clusterMaps = ConceptAggregation.conceptMaps(fixedMaps, clusters);
        PatchLabels patchLabels = PatchLabelling.label(clusterMaps);
        return new Segmentation(
                gridH,
                gridW,
                fixedMaps,
                clusters,
                clusterMaps,
                patchLabels.labels(),
                patchLabels.conceptClusters(),
                targets);
    }

    static int[] allTargets(int n) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return all;
    }
}
