package io.ultraline.ultra;

/**
 * The default concept step (issue 19): groups the target tokens by what they draw on and what they
 * are at once, with as many concepts as the frame's own structure supports.
 *
 * <ol>
 *   <li>Each target gets one feature: its map after the self-entry fix, scaled to unit length,
 *       joined with its token minus the mean token of the frame. Centring removes what every token
 *       of the frame shares (the model's offset, the light), so the distances follow the
 *       differences between the frame's materials. The centred token is divided by
 *       {@code |t|^g * rms^(1 - g)}, rms the root mean square length of the frame's centred tokens
 *       and g the exponent of {@link SegmenterConfig#tokenLengthExponent()}, 0.5 by default: at 1
 *       every token has unit length, and a near-average patch of a plain belt points as far from
 *       its neighbours as a part's; at 0 (one scale per frame) real mosaics lost 0.018 of concept
 *       mIoU. Half and half lifted conveyors' from 0.531 to 0.563 over three W seeds and kept the
 *       other scene families within W's seed noise (docs/evaluation.md, "Why W over-splits
 *       conveyors").
 *   <li>k-means ({@link DistanceKMeans}, fixed seed) for every k from 2 to {@code maxConcepts}; the k with
 *       the highest mean {@link Silhouette} wins. A frame whose best silhouette is not above 0 has
 *       no structure to cut and stays one concept.
 *   <li>Every patch takes its own cluster.
 * </ol>
 *
 * <p>With sparse targets (T < N, issue 21) every patch that is no target gets a map estimated from
 * the targets' maps by token similarity ({@link BorrowedMaps}), and all N patches are clustered so:
 * the silhouette then judges k on the whole frame, not on T points, which keeps the concepts close
 * to those of all N maps (ARI 0.75 to 1.00 at T = 8 on the four seed-19 scene sets, against 0.57
 * to 0.93 when only the T targets were clustered). The clusters of the segmentation are those of the targets; a
 * patch whose cluster holds no target takes the target cluster whose mean token is nearest.
 *
 * <p>Why not the paper's average-linkage cut at a fixed height: measured in docs/evaluation.md
 * ("A concept step that adapts to the frame"), no single height fits both a mosaic (over-split into
 * 7 to 10 concepts) and a conveyor (1 concept), the maps alone separate materials less well than
 * the tokens, and the argmax labelling of aggregated maps loses what a sharper W map gains. The
 * linkage cut stays available as {@link SegmenterConfig.Method#LINKAGE}, the paper's exact rule.
 */
final class JointConcepts {

    /** The seed of every k-means run: the same frame always gives the same concepts. */
    static final long SEED = 19;

    /** The clusters of the T targets and the cluster of every one of the N patches. */
    record Cut(Clustering clusters, int[] labels) {}

    private JointConcepts() {}

    /**
     * @param fixedMaps   {@code float[T][N]}, the target maps after the self-entry fix
     * @param targets     the patch of each map
     * @param tokens      {@code float[N][D]}, every patch's token (through W where there is one)
     * @param maxConcepts the largest k tried, at least 1
     * @param lengthExponent g of the token scaling, 0 to 1
     */
    static Cut cut(float[][] fixedMaps, int[] targets, float[][] tokens, int maxConcepts, double lengthExponent) {
        float[][] centred = scaledRows(centred(tokens), lengthExponent);
        float[][] unitMaps = unitRows(fixedMaps);
        int n = centred.length;
        if (targets.length < n) {
            return filled(unitMaps, targets, centred, maxConcepts);
        }
        int t = targets.length;
        float[][] features = new float[t][];
        for (int k = 0; k < t; k++) {
            features[k] = join(unitMaps[k], centred[targets[k]]);
        }
        Clustering best = bestBySilhouette(features, maxConcepts);
        return new Cut(best, patchLabels(best, targets, centred));
    }

    /** Sparse targets: every patch gets a map estimated from the targets' ({@link BorrowedMaps}), all N are clustered. */
    private static Cut filled(float[][] unitMaps, int[] targets, float[][] centred, int maxConcepts) {
        int n = centred.length;
        float[][] maps = BorrowedMaps.estimate(unitMaps, targets, centred);
        float[][] features = new float[n][];
        for (int p = 0; p < n; p++) {
            features[p] = join(maps[p], centred[p]);
        }
        Clustering all = bestBySilhouette(features, maxConcepts);
        int[] ofTargets = new int[targets.length];
        for (int k = 0; k < targets.length; k++) {
            ofTargets[k] = all.label(targets[k]);
        }
        Clustering clusters = Clustering.ofGroups(ofTargets);
        // the patch clusters that hold a target, renumbered as the targets' clustering numbers them
        int[] renumber = new int[all.clusterCount()];
        java.util.Arrays.fill(renumber, -1);
        for (int k = 0; k < targets.length; k++) {
            renumber[all.label(targets[k])] = clusters.label(k);
        }
        int[] labels = new int[n];
        boolean orphans = false;
        for (int p = 0; p < n; p++) {
            labels[p] = renumber[all.label(p)];
            orphans |= labels[p] < 0;
        }
        if (orphans) {
            int[] fromTargets = patchLabels(clusters, targets, centred);
            for (int p = 0; p < n; p++) {
                if (labels[p] < 0) {
                    labels[p] = fromTargets[p];
                }
            }
        }
        return new Cut(clusters, labels);
    }

    private static Clustering bestBySilhouette(float[][] features, int maxConcepts) {
        int t = features.length;
        Clustering best = Clustering.ofGroups(new int[t]);
        double bestScore = 0;
        if (t < 3) {
            return best;
        }
        double[][] squared = squaredDistances(features);
        double[][] distances = new double[t][t];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < t; j++) {
                distances[i][j] = Math.sqrt(squared[i][j]);
            }
        }
        for (int k = 2; k <= Math.min(maxConcepts, t - 1); k++) {
            Clustering c = Clustering.ofGroups(DistanceKMeans.cluster(squared, k, SEED));
            if (c.clusterCount() < 2) {
                continue;
            }
            double score = Silhouette.mean(distances, c.labels());
            if (score > bestScore) {
                bestScore = score;
                best = c;
            }
        }
        return best;
    }

    private static int[] patchLabels(Clustering clusters, int[] targets, float[][] centred) {
        int n = centred.length;
        int d = centred[0].length;
        int[] labels = new int[n];
        boolean[] isTarget = new boolean[n];
        double[][] means = new double[clusters.clusterCount()][d];
        for (int k = 0; k < targets.length; k++) {
            int c = clusters.label(k);
            labels[targets[k]] = c;
            isTarget[targets[k]] = true;
            for (int j = 0; j < d; j++) {
                means[c][j] += centred[targets[k]][j] / clusters.size(c);
            }
        }
        for (int p = 0; p < n; p++) {
            if (!isTarget[p]) {
                labels[p] = nearest(centred[p], means);
            }
        }
        return labels;
    }

    private static int nearest(float[] point, double[][] means) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int c = 0; c < means.length; c++) {
            double s = 0;
            for (int j = 0; j < point.length; j++) {
                double diff = point[j] - means[c][j];
                s += diff * diff;
            }
            if (s < bestDistance) {
                bestDistance = s;
                best = c;
            }
        }
        return best;
    }

    private static float[][] centred(float[][] rows) {
        int d = rows[0].length;
        double[] mean = new double[d];
        for (float[] row : rows) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        float[][] out = new float[rows.length][d];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < d; j++) {
                out[i][j] = (float) (rows[i][j] - mean[j] / rows.length);
            }
        }
        return out;
    }

    /** Each row divided by {@code |row|^g * rms^(1 - g)}; at g = 1 exactly {@link #unitRows}. */
    static float[][] scaledRows(float[][] rows, double g) {
        double[] norms = new double[rows.length];
        double meanSquare = 0;
        for (int i = 0; i < rows.length; i++) {
            double squared = 0;
            for (float v : rows[i]) {
                squared += (double) v * v;
            }
            norms[i] = Math.sqrt(squared);
            meanSquare += squared / rows.length;
        }
        double frame = Math.pow(Math.sqrt(meanSquare), 1 - g);
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            double base = Math.pow(norms[i], g) * frame;
            float scale = base > 0 ? (float) (1 / base) : 0;
            out[i] = new float[rows[i].length];
            for (int j = 0; j < rows[i].length; j++) {
                out[i][j] = rows[i][j] * scale;
            }
        }
        return out;
    }

    static float[][] unitRows(float[][] rows) {
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            double norm = 0;
            for (float v : rows[i]) {
                norm += (double) v * v;
            }
            float scale = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0;
            out[i] = new float[rows[i].length];
            for (int j = 0; j < rows[i].length; j++) {
                out[i][j] = rows[i][j] * scale;
            }
        }
        return out;
    }

    private static float[] join(float[] a, float[] b) {
        float[] out = new float[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static double[][] squaredDistances(float[][] points) {
        int n = points.length;
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = 0;
                for (int q = 0; q < points[i].length; q++) {
                    double diff = points[i][q] - points[j][q];
                    s += diff * diff;
                }
                d[i][j] = s;
                d[j][i] = s;
            }
        }
        return d;
    }
}
