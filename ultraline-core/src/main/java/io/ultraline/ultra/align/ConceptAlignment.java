package io.ultraline.ultra.align;

import io.ultraline.ultra.eval.Assignment;
import java.util.Arrays;

/**
 * Renames one frame's concepts to the camera's concept ids ({@link ConceptPrototypes}).
 *
 * <ol>
 *   <li>An exact Hungarian assignment ({@link Assignment}) pairs concepts with prototypes, one to
 *       one, minimising the summed cosine distance of centred concept means; a pair farther apart
 *       than {@code maxDistance} is dropped, so a thing the camera never showed at calibration does
 *       not take a known id.
 *   <li>A concept left over that is still within {@code maxDistance} of some prototype takes the
 *       nearest one's id: the segmenter often splits one material into several concepts, and all of
 *       its pieces should carry the material's id.
 *   <li>Anything else gets a fresh id above every camera id ({@link ConceptPrototypes#maxId} + 1, + 2,
 *       ...), in the order of the frame's own labels.
 * </ol>
 *
 * So two concepts of a frame may end under one id (a merge), but never one concept under two.
 */
public final class ConceptAlignment {

    private ConceptAlignment() {}

    /**
     * The camera id of each of the frame's concept labels.
     *
     * @return {@code ids[c]} for concept label {@code c}; labels without patches get fresh ids too
     */
    public static int[] ids(ConceptFeatures frame, ConceptPrototypes prototypes) {
        int c = frame.count();
        int p = prototypes.count();
        double max = prototypes.maxDistance();
        float[][] embedded = new float[c][];
        double[][] distance = new double[c][p];
        double[][] gain = new double[c][p];
        for (int i = 0; i < c; i++) {
            embedded[i] = prototypes.embed(frame.means()[i]);
            for (int j = 0; j < p; j++) {
                distance[i][j] = frame.sizes()[i] == 0 ? 2 : prototypes.distance(embedded[i], j);
                gain[i][j] = 2 - distance[i][j];
            }
        }
        int[] match = p == 0 ? new int[c] : Assignment.maximise(gain);
        int[] ids = new int[c];
        int fresh = prototypes.maxId() + 1;
        for (int i = 0; i < c; i++) {
            int j = p == 0 ? -1 : match[i];
            if (j < 0 || distance[i][j] > max) {
                j = nearest(distance[i]);
            }
            ids[i] = j >= 0 && distance[i][j] <= max ? prototypes.id(j) : fresh++;
        }
        return ids;
    }

    /**
     * The camera's id of each concept label as the product publishes it (FrameExplanation.conceptIds):
     * {@link #ids}, with every fresh id written -1, "new to this camera".
     */
    public static int[] cameraIds(int[] labels, float[] tokens, int dim, ConceptPrototypes prototypes) {
        int[] ids = ids(ConceptFeatures.of(labels, tokens, dim), prototypes);
        int known = prototypes.maxId();
        for (int c = 0; c < ids.length; c++) {
            ids[c] = ids[c] <= known ? ids[c] : -1;
        }
        return ids;
    }

    /**
     * Labels to colour a picture by: each concept label's camera id, or for a concept new to the
     * camera (-1) its label plus {@link ConceptPrototypes#MAX_COUNT} (or the frame's largest id + 1
     * where that is more), past every camera id, so a material has one colour on every frame and
     * new things never take a known one's.
     *
     * @param labels    concept labels (of patches or pixels)
     * @param cameraIds {@link #cameraIds} of those labels
     */
    public static int[] colourLabels(int[] labels, int[] cameraIds) {
        // ids kept over recalibrations may pass MAX_COUNT: new things start above the frame's largest
        int base = Math.max(
                ConceptPrototypes.MAX_COUNT, Arrays.stream(cameraIds).max().orElse(-1) + 1);
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            int id = cameraIds[labels[i]];
            out[i] = id >= 0 ? id : base + labels[i];
        }
        return out;
    }

    /** The frame's patch labels under the camera's ids. */
    public static int[] relabel(int[] labels, float[] tokens, int dim, ConceptPrototypes prototypes) {
        int[] ids = ids(ConceptFeatures.of(labels, tokens, dim), prototypes);
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = ids[labels[i]];
        }
        return out;
    }

    /**
     * Each patch on its own: the id of the nearest prototype to its token, or one above every id beyond
     * {@code maxDistance}. Not an alignment of concepts (it ignores them); {@code evaluate} reports it
     * to show how far token-level prototypes reach where whole concepts mix parts.
     */
    public static int[] patchIds(float[] tokens, int dim, ConceptPrototypes prototypes) {
        if (dim != prototypes.dim() || tokens.length % dim != 0) {
            throw new IllegalArgumentException(tokens.length + " token values of dimension " + dim
                    + " for prototypes of dimension " + prototypes.dim());
        }
        int[] out = new int[tokens.length / dim];
        double[] distance = new double[prototypes.count()];
        int unknown = prototypes.maxId() + 1;
        for (int t = 0; t < out.length; t++) {
            float[] e = prototypes.embed(Arrays.copyOfRange(tokens, t * dim, (t + 1) * dim));
            for (int j = 0; j < distance.length; j++) {
                distance[j] = prototypes.distance(e, j);
            }
            int j = nearest(distance);
            out[t] = j >= 0 && distance[j] <= prototypes.maxDistance() ? prototypes.id(j) : unknown;
        }
        return out;
    }

    private static int nearest(double[] distances) {
        int best = -1;
        for (int j = 0; j < distances.length; j++) {
            if (best < 0 || distances[j] < distances[best]) {
                best = j;
            }
        }
        return best;
    }
}
