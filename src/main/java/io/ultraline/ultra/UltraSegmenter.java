package io.ultraline.ultra;

/**
 * Segments one image from the N explanation maps of its patch tokens, following DESIGN.md
 * section 1: self-entry fix, cosine distances, average-linkage clustering cut as the
 * {@link SegmenterConfig} says, one normalised map per cluster, and an argmax label per patch.
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
        float[][] fixedMaps = SelfEntryFix.fixed(maps);
        Dendrogram tree = AverageLinkage.build(CosineDistances.matrix(fixedMaps));
        Clustering clusters = config.cut(tree);
        float[][] clusterMaps = ConceptAggregation.conceptMaps(fixedMaps, clusters);
        PatchLabels patchLabels = PatchLabelling.label(clusterMaps);
        return new Segmentation(gridH, gridW, fixedMaps, clusters, clusterMaps,
                patchLabels.labels(), patchLabels.conceptClusters());
    }
}
