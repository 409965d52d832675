package io.ultraline.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultraline.frame.RgbImage;
import io.ultraline.inspect.InspectedFrame;
import io.ultraline.model.ModelOutput;
import io.ultraline.ultra.ConceptResolution;
import io.ultraline.ultra.SegmenterConfig;
import io.ultraline.ultra.UltraSegmenter;
import io.ultraline.ultra.align.ConceptFeatures;
import io.ultraline.ultra.align.ConceptPrototypes;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The concept figures of an evaluation, on a 4 x 4 grid whose two halves are two parts. */
class ConceptScorecardTest {

    private static final int GRID = 4, SIZE = 16;

    @TempDir
    Path tmp;

    /** Tokens, maps and colours that all say "left half" and "right half". */
    private InspectedFrame halves() {
        return halves(false);
    }

    /** Mirrored: the same concepts (left one first), but the tokens of the right half on the left. */
    private InspectedFrame halves(boolean mirrored) {
        return halves(mirrored, SIZE / 2);
    }

    /** As {@link #halves(boolean)}, with the frame's colours changing at pixel column {@code colourEdge}. */
    private InspectedFrame halves(boolean mirrored, int colourEdge) {
        int n = GRID * GRID;
        float[][] maps = new float[n][n];
        float[] tokens = new float[n * 2];
        for (int i = 0; i < n; i++) {
            boolean left = i % GRID < GRID / 2;
            for (int j = 0; j < n; j++) {
                maps[i][j] = (j % GRID < GRID / 2) == left ? 1 : 0;
            }
            tokens[2 * i + (left != mirrored ? 0 : 1)] = 1;
        }
        float[] px = new float[SIZE * SIZE * 3];
        for (int p = 0; p < SIZE * SIZE; p++) {
            float v = p % SIZE < colourEdge ? 0.1f : 0.9f;
            px[3 * p] = v;
            px[3 * p + 1] = v;
            px[3 * p + 2] = v;
        }
        ModelOutput t = new ModelOutput(n, 2, tokens, maps);
        return new InspectedFrame(
                SIZE,
                SIZE,
                t,
                new UltraSegmenter(SegmenterConfig.paper()).segment(maps, GRID, GRID),
                null,
                new RgbImage(SIZE, SIZE, px));
    }

    private LabelledDataset.TestFrame frameWithParts(int[] parts) throws IOException {
        BufferedImage img = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSamples(0, 0, SIZE, SIZE, 0, parts);
        Path p = tmp.resolve("parts" + System.identityHashCode(parts) + ".png");
        ImageIO.write(img, "png", p.toFile());
        return new LabelledDataset.TestFrame("a.png", tmp.resolve("a.png"), null, false, p);
    }

    @Test
    void conceptsAndBothAnchorsThatFindTheHalvesScoreOne() throws IOException {
        int[] parts = new int[SIZE * SIZE];
        for (int p = 0; p < parts.length; p++) {
            parts[p] = p % SIZE < SIZE / 2 ? 2 : 5;
        }
        ConceptScorecard card = new ConceptScorecard();
        card.frame(frameWithParts(parts), halves());
        card.frame(frameWithParts(parts), halves());
        Map<String, Object> m = new LinkedHashMap<>();
        card.put(m);
        for (String key : new String[] {
            "concept_miou",
            "concept_pixel_accuracy",
            "concept_ari",
            "concept_id_consistency",
            "concept_miou_fixed_k",
            "concept_miou_kmeans_tokens",
            "concept_ari_kmeans_tokens",
            "concept_miou_kmeans_colour",
            "concept_ari_kmeans_colour",
            "concept_miou_grid_oracle",
            "concept_miou_kmeans_maps",
            "concept_miou_fixed_k_membership"
        }) {
            assertThat((Double) m.get(key)).as(key).isEqualTo(1.0);
        }
        assertThat(m)
                .containsEntry("concept_frames", 2)
                .containsEntry("concept_count_mean", 2.0)
                .containsEntry("parts_count_mean", 2.0);
    }

    @Test
    void aPartBoundaryInsideATokenIsFoundAtPixelResolutionAndTheTokenGridTwinShowsTheLoss() throws IOException {
        // the parts and the colours change at x 6, halfway through token column 1 (pixels 4..7)
        int[] parts = new int[SIZE * SIZE];
        for (int p = 0; p < parts.length; p++) {
            parts[p] = p % SIZE < 6 ? 2 : 5;
        }
        Map<String, Object> pixel = new LinkedHashMap<>();
        ConceptScorecard card = new ConceptScorecard();
        card.frame(frameWithParts(parts), halves(false, 6));
        card.put(pixel);
        Map<String, Object> token = new LinkedHashMap<>();
        ConceptScorecard tokenCard = new ConceptScorecard().withResolution(ConceptResolution.TOKEN_GRID);
        tokenCard.frame(frameWithParts(parts), halves(false, 6));
        tokenCard.put(token);

        assertThat((Double) pixel.get("concept_miou")).isEqualTo(1.0);
        assertThat((Double) pixel.get("concept_miou_token_grid")).isLessThan(0.8);
        assertThat(pixel).containsEntry("concept_resolution", "pixel");
        assertThat(token.get("concept_miou")).isEqualTo(pixel.get("concept_miou_token_grid"));
        assertThat(token)
                .doesNotContainKey("concept_miou_token_grid")
                .containsEntry("concept_resolution", "token_grid");
    }

    @Test
    void partsAcrossTheHalvesScoreBelowOne() throws IOException {
        int[] parts = new int[SIZE * SIZE];
        for (int p = 0; p < parts.length; p++) {
            parts[p] = p / SIZE < SIZE / 2 ? 0 : 1; // top and bottom, not left and right
        }
        ConceptScorecard card = new ConceptScorecard();
        card.frame(frameWithParts(parts), halves());
        Map<String, Object> m = new LinkedHashMap<>();
        card.put(m);
        assertThat((Double) m.get("concept_miou")).isCloseTo(1.0 / 3, org.assertj.core.api.Assertions.within(1e-9));
        assertThat((Double) m.get("concept_ari")).isLessThan(0.01);
    }

    @Test
    void alignedIdsFollowTheTokensWhereTheSegmentersOwnNumberingDoesNot() throws IOException {
        int[] parts = new int[SIZE * SIZE];
        int[] mirroredParts = new int[SIZE * SIZE];
        for (int p = 0; p < parts.length; p++) {
            parts[p] = p % SIZE < SIZE / 2 ? 2 : 5;
            mirroredParts[p] = p % SIZE < SIZE / 2 ? 5 : 2;
        }
        InspectedFrame calibration = halves();
        ConceptPrototypes prototypes = ConceptPrototypes.learn(
                List.of(ConceptFeatures.of(
                        calibration.segmentation().labels(),
                        calibration.modelOutput().tokens(),
                        2)),
                0.9,
                2);
        ConceptScorecard card = new ConceptScorecard(null, 0, prototypes, 0);
        card.frame(frameWithParts(parts), halves(false));
        card.frame(frameWithParts(mirroredParts), halves(true));
        Map<String, Object> m = new LinkedHashMap<>();
        card.put(m);
        assertThat(m)
                .containsEntry("concept_id_consistency", 1.0)
                .containsEntry("concept_id_consistency_unaligned", 0.5)
                .containsEntry("concept_id_consistency_patchwise", 1.0)
                .containsEntry("concept_prototypes", 2)
                .containsEntry("concept_id_consistency_token_grid", 1.0)
                .containsEntry("concept_id_consistency_oracle", 1.0);
    }

    @Test
    void theConsistencyCeilingNamesEachConceptByItsMajorityPart() {
        int[] concepts = {0, 0, 0, 1, 1, 2};
        int[] parts = {3, 3, 1, 1, 1, 0};
        assertThat(ConceptScorecard.namedByMajorityPart(concepts, parts)).containsExactly(3, 3, 3, 1, 1, 0);
    }

    @Test
    void theGridOracleTakesEachCellsMajorityPart() {
        // 4x2 pixels, 1x2 grid: the left cell holds parts 0,1 / 1,1 -> 1; the right 2,2 / 0,2 -> 2.
        int[] parts = {0, 1, 2, 2, 1, 1, 0, 2};
        assertThat(ConceptScorecard.majorityPerCell(parts, 4, 2, 1, 2)).containsExactly(1, 2);
    }

    @Test
    void framesWithoutPartsAddNothing() throws IOException {
        ConceptScorecard card = new ConceptScorecard();
        card.frame(new LabelledDataset.TestFrame("a.png", tmp.resolve("a.png"), null, false), halves());
        Map<String, Object> m = new LinkedHashMap<>();
        card.put(m);
        assertThat(m).isEmpty();
    }

    @Test
    void withSparseTargetsTheConceptsStillScoreAndTheMapOnlyAnchorsAreLeftOut() throws IOException {
        int[] parts = new int[SIZE * SIZE];
        for (int p = 0; p < parts.length; p++) {
            parts[p] = p % SIZE < SIZE / 2 ? 2 : 5;
        }
        InspectedFrame all = halves();
        int[] targets = {0, 3, 9};
        float[][] rows = new float[targets.length][];
        for (int k = 0; k < targets.length; k++) {
            rows[k] = all.modelOutput().maps()[targets[k]];
        }
        ModelOutput sparse = new ModelOutput(GRID * GRID, 2, all.modelOutput().tokens(), rows, targets);
        InspectedFrame frame = new InspectedFrame(
                SIZE,
                SIZE,
                sparse,
                new UltraSegmenter(SegmenterConfig.paper()).segment(rows, targets, GRID, GRID),
                null,
                all.image());
        ConceptScorecard card = new ConceptScorecard();
        card.frame(frameWithParts(parts), frame);
        Map<String, Object> m = new LinkedHashMap<>();
        card.put(m);
        assertThat((Double) m.get("concept_miou")).isEqualTo(1.0);
        assertThat((Double) m.get("concept_miou_fixed_k")).isEqualTo(1.0);
        assertThat(m).doesNotContainKeys("concept_miou_kmeans_maps", "concept_miou_fixed_k_membership");
    }
}
