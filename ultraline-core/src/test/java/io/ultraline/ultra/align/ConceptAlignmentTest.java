package io.ultraline.ultra.align;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConceptAlignmentTest {

    private static final int DIM = 8;
    private static final int PATCHES = 24;
    /** Four materials: random directions around a common offset that every token shares. */
    private static final float[][] MATERIALS = materials(4, 5);

    /**
     * One frame: patch p shows {@code material[p]}; the segmenter found one concept per material it
     * shows, numbered in a random order, as ULTra numbers concepts afresh in every frame.
     */
    private record Frame(int[] labels, float[] tokens, int[] materialOfLabel) {}

    private static Frame frame(int[] material, SplittableRandom r) {
        int[] labelOfMaterial = new int[MATERIALS.length + 1];
        java.util.Arrays.fill(labelOfMaterial, -1);
        List<Integer> shown = new ArrayList<>();
        for (int m : material) {
            if (!shown.contains(m)) {
                shown.add(m);
            }
        }
        java.util.Collections.shuffle(shown, new java.util.Random(r.nextLong()));
        int[] materialOfLabel = new int[shown.size()];
        for (int l = 0; l < shown.size(); l++) {
            labelOfMaterial[shown.get(l)] = l;
            materialOfLabel[l] = shown.get(l);
        }
        int[] labels = new int[material.length];
        float[] tokens = new float[material.length * DIM];
        for (int p = 0; p < material.length; p++) {
            labels[p] = labelOfMaterial[material[p]];
            float[] centre = material[p] < MATERIALS.length ? MATERIALS[material[p]] : unknown();
            for (int d = 0; d < DIM; d++) {
                tokens[p * DIM + d] = 3 + centre[d] + (float) (0.15 * r.nextGaussian());
            }
        }
        return new Frame(labels, tokens, materialOfLabel);
    }

    /** Materials 0..3 side by side, each a random share of the patches; 0 (the belt) the largest. */
    private static int[] layout(SplittableRandom r, int... shown) {
        int[] material = new int[PATCHES];
        for (int p = 0; p < PATCHES; p++) {
            material[p] = p < PATCHES / 2 ? shown[0] : shown[1 + r.nextInt(shown.length - 1)];
        }
        return material;
    }

    private static ConceptPrototypes calibrated(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<ConceptFeatures> frames = new ArrayList<>();
        for (int f = 0; f < 12; f++) {
            Frame fr = frame(layout(r, 0, 1, 2, 3), r);
            frames.add(ConceptFeatures.of(fr.labels(), fr.tokens(), DIM));
        }
        return ConceptPrototypes.learn(frames, 0.5, 2);
    }

    @Test
    void everyMaterialKeepsOneIdWhateverTheFramesOwnNumbering() {
        ConceptPrototypes prototypes = calibrated(1);
        assertThat(prototypes.count()).isEqualTo(MATERIALS.length);
        SplittableRandom r = new SplittableRandom(2);
        int[] idOfMaterial = new int[MATERIALS.length];
        java.util.Arrays.fill(idOfMaterial, -1);
        for (int f = 0; f < 20; f++) {
            Frame fr = frame(layout(r, 0, 1, 2, 3), r);
            int[] ids = ConceptAlignment.ids(ConceptFeatures.of(fr.labels(), fr.tokens(), DIM), prototypes);
            for (int l = 0; l < ids.length; l++) {
                int m = fr.materialOfLabel()[l];
                if (idOfMaterial[m] < 0) {
                    idOfMaterial[m] = ids[l];
                }
                assertThat(ids[l]).as("frame %d, material %d", f, m).isEqualTo(idOfMaterial[m]);
            }
        }
        assertThat(idOfMaterial).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(idOfMaterial[0])
                .as("the material with most calibration patches is id 0")
                .isZero();
    }

    @Test
    void conceptsOfThingsNeverCalibratedGetFreshIdsAbovePrototypes() {
        ConceptPrototypes prototypes = calibrated(3);
        float[][] means = {MATERIALS[2], unknown(), negated(unknown())};
        float[][] raw = new float[means.length][DIM];
        for (int c = 0; c < means.length; c++) {
            for (int d = 0; d < DIM; d++) {
                raw[c][d] = 3 + means[c][d];
            }
        }
        int[] ids = ConceptAlignment.ids(new ConceptFeatures(raw, new int[] {5, 5, 5}), prototypes);
        int known = ConceptAlignment.ids(new ConceptFeatures(new float[][] {raw[0]}, new int[] {5}), prototypes)[0];
        assertThat(ids).containsExactly(known, 4, 5);
    }

    @Test
    void publishedCameraIdsWriteANewThingAsMinusOneAndColourItPastEveryKnownId() {
        ConceptPrototypes prototypes = calibrated(3);
        SplittableRandom r = new SplittableRandom(8);
        // material 4 is the unknown direction: no prototype matches it
        Frame fr = frame(layout(r, 0, 4), r);
        int[] ids = ConceptAlignment.cameraIds(fr.labels(), fr.tokens(), DIM, prototypes);
        int[] own = ConceptAlignment.ids(ConceptFeatures.of(fr.labels(), fr.tokens(), DIM), prototypes);

        for (int label = 0; label < ids.length; label++) {
            assertThat(ids[label]).isEqualTo(own[label] < prototypes.count() ? own[label] : -1);
        }
        int unknownLabel = fr.materialOfLabel()[0] == 4 ? 0 : 1;
        assertThat(ids[unknownLabel]).isEqualTo(-1);
        assertThat(ids[1 - unknownLabel]).isBetween(0, prototypes.count() - 1);

        int[] colours = ConceptAlignment.colourLabels(new int[] {0, 1, 1}, ids);
        assertThat(colours[1]).isEqualTo(colours[2]);
        assertThat(colours[unknownLabel]).isEqualTo(ConceptPrototypes.MAX_COUNT + unknownLabel);
        assertThat(colours[1 - unknownLabel]).isEqualTo(ids[1 - unknownLabel]);
    }

    @Test
    void aRecalibrationKeepsTheIdOfEveryMaterialItStillShowsAndNumbersNewOnesAbove() {
        ConceptPrototypes before = calibrated(3);
        // the camera later shows materials 3 (now most of every frame), 1 and the unknown one
        SplittableRandom r = new SplittableRandom(11);
        List<ConceptFeatures> frames = new ArrayList<>();
        for (int f = 0; f < 12; f++) {
            Frame fr = frame(layout(r, 3, 1, 4), r);
            frames.add(ConceptFeatures.of(fr.labels(), fr.tokens(), DIM));
        }
        ConceptPrototypes learned = ConceptPrototypes.learn(frames, 0.5, 2);
        ConceptPrototypes after = learned.keepingIdsOf(before);

        assertThat(learned.ids()).as("learned alone, numbered by support").containsExactly(0, 1, 2);
        for (int m : new int[] {1, 3}) {
            assertThat(after.id(nearest(after, MATERIALS[m])))
                    .as("material %d keeps its id", m)
                    .isEqualTo(before.id(nearest(before, MATERIALS[m])));
        }
        assertThat(after.id(nearest(after, unknown()))).isEqualTo(before.maxId() + 1);
        assertThat(after.vectors()).isDeepEqualTo(learned.vectors());
        assertThat(learned.keepingIdsOf(null)).isSameAs(learned);

        // a frame of the new camera state is named with the kept ids
        Frame fr = frame(layout(r, 3, 1), r);
        int[] ids = ConceptAlignment.cameraIds(fr.labels(), fr.tokens(), DIM, after);
        for (int label = 0; label < ids.length; label++) {
            int m = fr.materialOfLabel()[label];
            assertThat(ids[label]).isEqualTo(before.id(nearest(before, MATERIALS[m])));
        }
    }

    /** The prototype a material's mean token (plus the frames' offset of 3) is nearest to. */
    private static int nearest(ConceptPrototypes p, float[] material) {
        float[] raw = new float[DIM];
        for (int d = 0; d < DIM; d++) {
            raw[d] = 3 + material[d];
        }
        float[] e = p.embed(raw);
        int best = 0;
        for (int j = 1; j < p.count(); j++) {
            if (p.distance(e, j) < p.distance(e, best)) {
                best = j;
            }
        }
        return best;
    }

    @Test
    void piecesOfOneMaterialShareItsId() {
        ConceptPrototypes prototypes = calibrated(4);
        SplittableRandom r = new SplittableRandom(5);
        Frame fr = frame(layout(r, 1, 3), r);
        int[] labels = fr.labels();
        int split = fr.materialOfLabel().length; // a new label for half of material 1's patches
        for (int p = 0; p < PATCHES / 4; p++) {
            labels[p] = split;
        }
        int[] ids = ConceptAlignment.ids(ConceptFeatures.of(labels, fr.tokens(), DIM), prototypes);
        int l1 = fr.materialOfLabel()[0] == 1 ? 0 : 1;
        assertThat(ids[split]).isEqualTo(ids[l1]);
        assertThat(ids[1 - l1]).isNotEqualTo(ids[l1]);
        assertThat(ConceptAlignment.relabel(labels, fr.tokens(), DIM, prototypes)[0])
                .isEqualTo(ids[l1]);
    }

    @Test
    void patchwiseIdsNameEachTokenByItsNearestPrototypeOrTheUnknownId() {
        ConceptPrototypes prototypes = calibrated(8);
        SplittableRandom r = new SplittableRandom(9);
        Frame fr = frame(layout(r, 2, 3), r);
        int[] byConcept = ConceptAlignment.relabel(fr.labels(), fr.tokens(), DIM, prototypes);
        float[] tokens = fr.tokens().clone();
        float[] away = unknown();
        for (int d = 0; d < DIM; d++) {
            tokens[d] = 3 + away[d]; // patch 0 shows a thing never calibrated
        }
        int[] byPatch = ConceptAlignment.patchIds(tokens, DIM, prototypes);
        assertThat(byPatch[0]).isEqualTo(prototypes.count());
        assertThat(java.util.Arrays.copyOfRange(byPatch, 1, PATCHES))
                .containsExactly(java.util.Arrays.copyOfRange(byConcept, 1, PATCHES));
    }

    @Test
    void learningAndAlignmentAreDeterministic() {
        assertThat(calibrated(6)).isEqualTo(calibrated(6));
        SplittableRandom r = new SplittableRandom(7);
        Frame fr = frame(layout(r, 0, 1, 2, 3), r);
        ConceptFeatures f = ConceptFeatures.of(fr.labels(), fr.tokens(), DIM);
        assertThat(ConceptAlignment.ids(f, calibrated(6))).containsExactly(ConceptAlignment.ids(f, calibrated(6)));
    }

    @Test
    void aCameraOfManyMaterialsKeepsTheBestSupportedPrototypesOnly() {
        int materials = ConceptPrototypes.MAX_COUNT + 4;
        float[][] means = new float[materials][materials];
        int[] sizes = new int[materials];
        for (int m = 0; m < materials; m++) {
            means[m][m] = 1; // orthogonal materials: none groups with another
            sizes[m] = 2 + m;
        }
        ConceptPrototypes p = ConceptPrototypes.learn(
                List.of(new ConceptFeatures(means, sizes)), ConceptPrototypes.DEFAULT_MAX_DISTANCE, 2);

        assertThat(p.count()).isEqualTo(ConceptPrototypes.MAX_COUNT);
        // id 0 is the best supported material, the last kept id the 16th best; the 4 rarest have none
        assertThat(p.distance(p.embed(means[materials - 1]), 0)).isLessThan(1e-6);
        assertThat(p.distance(p.embed(means[4]), ConceptPrototypes.MAX_COUNT - 1))
                .isLessThan(1e-6);
        int[] ids = ConceptAlignment.ids(new ConceptFeatures(means, sizes), p);
        assertThat(ids[0]).isGreaterThanOrEqualTo(ConceptPrototypes.MAX_COUNT);
    }

    @Test
    void badInputIsRefusedWithTheReason() {
        assertThatThrownBy(() -> ConceptFeatures.of(new int[] {0, 1}, new float[3], 2))
                .hasMessageContaining("expected 2 tokens of dimension 2");
        assertThatThrownBy(() -> ConceptPrototypes.learn(
                        List.of(new ConceptFeatures(new float[][] {{1}}, new int[] {1})), 0.5, 2))
                .hasMessageContaining("no calibration concept has 2 patches");
        assertThatThrownBy(() -> new ConceptPrototypes(new float[2], new float[][] {{1, 0}}, 3))
                .hasMessageContaining("[0, 2]");
        assertThatThrownBy(() -> calibrated(1).embed(new float[3])).hasMessageContaining("dimension 3");
    }

    private static float[][] materials(int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] out = new float[count][DIM];
        for (float[] m : out) {
            for (int d = 0; d < DIM; d++) {
                m[d] = (float) r.nextGaussian();
            }
        }
        return out;
    }

    /** A direction none of the materials has: orthogonal to all four (Gram-Schmidt). */
    private static float[] unknown() {
        double[][] basis = new double[MATERIALS.length][];
        double[] v = new double[DIM];
        v[DIM - 1] = 1;
        v[0] = 0.5;
        for (int i = 0; i < MATERIALS.length; i++) {
            double[] b = new double[DIM];
            for (int d = 0; d < DIM; d++) {
                b[d] = MATERIALS[i][d];
            }
            for (int j = 0; j < i; j++) {
                subtractProjection(b, basis[j]);
            }
            basis[i] = normalised(b);
            subtractProjection(v, basis[i]);
        }
        double[] u = normalised(v);
        float[] out = new float[DIM];
        for (int d = 0; d < DIM; d++) {
            out[d] = (float) (6 * u[d]);
        }
        return out;
    }

    private static float[] negated(float[] v) {
        float[] out = new float[v.length];
        for (int d = 0; d < v.length; d++) {
            out[d] = -v[d];
        }
        return out;
    }

    private static void subtractProjection(double[] v, double[] unit) {
        double dot = 0;
        for (int d = 0; d < DIM; d++) {
            dot += v[d] * unit[d];
        }
        for (int d = 0; d < DIM; d++) {
            v[d] -= dot * unit[d];
        }
    }

    private static double[] normalised(double[] v) {
        double n = 0;
        for (double x : v) {
            n += x * x;
        }
        double[] out = v.clone();
        for (int d = 0; d < DIM; d++) {
            out[d] /= Math.sqrt(n);
        }
        return out;
    }
}
