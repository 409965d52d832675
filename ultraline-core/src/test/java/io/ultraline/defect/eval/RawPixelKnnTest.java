package io.ultraline.defect.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultraline.defect.PatchGrid;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RawPixelKnnTest {

    private static final int SIZE = 48;

    /** A smooth random texture with a little pixel noise, different for every seed. */
    static float[] texture(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double fx = 0.2 + 0.1 * r.nextDouble();
        double fy = 0.2 + 0.1 * r.nextDouble();
        double phase = r.nextDouble() * 6;
        float[] img = new float[SIZE * SIZE * 3];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                double base = 0.5 + 0.2 * Math.sin(fx * x + phase) * Math.cos(fy * y);
                for (int c = 0; c < 3; c++) {
                    img[(y * SIZE + x) * 3 + c] = (float) (base + 0.02 * c + 0.02 * r.nextDouble());
                }
            }
        }
        return img;
    }

    static float[] withSquare(float[] img, int x0, int y0, int side) {
        float[] out = img.clone();
        for (int y = y0; y < y0 + side; y++) {
            for (int x = x0; x < x0 + side; x++) {
                out[(y * SIZE + x) * 3] = 1f;
                out[(y * SIZE + x) * 3 + 1] = 0f;
                out[(y * SIZE + x) * 3 + 2] = 0f;
            }
        }
        return out;
    }

    static List<float[]> good(int n) {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(texture(100 + i));
        }
        return out;
    }

    @Test
    void aFrameEqualToACalibrationFrameScoresZeroEverywhere() {
        List<float[]> good = good(3);
        RawPixelKnn knn = RawPixelKnn.fit(good, SIZE, SIZE, 8, 4);
        RawPixelKnn.Scores s = knn.score(good.get(1));
        assertThat(s.imageScore()).isZero();
        assertThat(s.pixelScores()).hasSize(SIZE * SIZE).containsOnly(0f);
    }

    @Test
    void aPlantedOddPatchScoresHighestAndOnlyWhereItsPatchesReach() {
        List<float[]> good = good(3);
        RawPixelKnn knn = RawPixelKnn.fit(good, SIZE, SIZE, 8, 4);
        RawPixelKnn.Scores s = knn.score(withSquare(good.get(0), 21, 25, 4));
        float[] map = s.pixelScores();
        int argmax = 0;
        for (int i = 0; i < map.length; i++) {
            if (map[i] > map[argmax]) {
                argmax = i;
            }
        }
        int ax = argmax % SIZE;
        int ay = argmax / SIZE;
        assertThat(s.imageScore()).isGreaterThan(1f).isEqualTo(map[argmax]);
        // the highest pixel lies under a patch that holds the square: within 7 px of it
        assertThat(ax).isBetween(21 - 7, 24 + 7);
        assertThat(ay).isBetween(25 - 7, 28 + 7);
        // patches that miss the square match their own calibration patch exactly
        assertThat(map[2 * SIZE + 2]).isZero();
        assertThat(map[45 * SIZE + 45]).isZero();
        assertThat(map[27 * SIZE + 22]).isEqualTo(s.imageScore());
    }

    @Test
    void separatesDefectiveFramesFromGoodOnesOnATinyGeneratedSet() {
        RawPixelKnn knn = RawPixelKnn.fit(good(4), SIZE, SIZE, 8, 4);
        List<float[]> test = new ArrayList<>();
        boolean[] truth = new boolean[8];
        for (int i = 0; i < 8; i++) {
            float[] img = texture(200 + i);
            truth[i] = i % 2 == 1;
            test.add(truth[i] ? withSquare(img, 4 + 4 * i, 10 + 2 * i, 5) : img);
        }
        List<RawPixelKnn.Scores> scores = knn.scoreAll(test);
        float[] image = new float[8];
        for (int i = 0; i < 8; i++) {
            image[i] = scores.get(i).imageScore();
        }
        assertThat(Auroc.of(image, truth)).isEqualTo(1.0);
    }

    @Test
    void everyPixelScoreIsTheExactNearestPatchDistanceOfItsWorstCoveringPatch() {
        SplittableRandom r = new SplittableRandom(9);
        int w = 21;
        int h = 17;
        int frames = 12; // 240 bank patches: a tree of several levels
        List<float[]> good = new ArrayList<>();
        for (int f = 0; f < frames; f++) {
            float[] img = new float[w * h * 3];
            for (int i = 0; i < img.length; i++) {
                img[i] = (float) (0.3 * (i % 7) / 7 + 0.7 * r.nextDouble());
            }
            good.add(img);
        }
        float[] test = good.get(2).clone();
        for (int i = 0; i < test.length; i += 5) {
            test[i] = (float) r.nextDouble();
        }
        PatchGrid grid = new PatchGrid(w, h, 6, 4);
        int dim = grid.dim();
        float[] bank = new float[frames * grid.count() * dim];
        for (int f = 0; f < frames; f++) {
            grid.extractAll(good.get(f), bank, f * grid.count());
        }
        float[] queries = new float[grid.count() * dim];
        grid.extractAll(test, queries, 0);
        float[] expected = new float[grid.count()];
        for (int q = 0; q < grid.count(); q++) {
            double best = Double.POSITIVE_INFINITY;
            for (int b = 0; b < bank.length / dim; b++) {
                double s = 0;
                for (int d = 0; d < dim; d++) {
                    double t = queries[q * dim + d] - bank[b * dim + d];
                    s += t * t;
                }
                best = Math.min(best, s);
            }
            expected[q] = (float) Math.sqrt(best);
        }
        float[] map = RawPixelKnn.fit(good, w, h, 6, 4).score(test).pixelScores();
        float[] want = grid.maxOverCovering(expected);
        for (int p = 0; p < map.length; p++) {
            assertThat(map[p]).as("pixel %d", p).isCloseTo(want[p], org.assertj.core.api.Assertions.within(1e-4f));
        }
    }

    @Test
    void patchesFlushWithTheEdgeCoverEveryPixelWhenTheStrideMissesIt() {
        PatchGrid grid = new PatchGrid(13, 11, 8, 4);
        // x starts 0, 4, then 5 (flush); y starts 0, then 3 (flush)
        assertThat(grid.count()).isEqualTo(3 * 2);
        float[] scores = {1, 1, 1, 1, 1, 1};
        assertThat(grid.maxOverCovering(scores)).containsOnly(1f);
        // pixel (5, 5) lies under all four patches of a 12 x 12 grid (starts 0 and 4): it takes the highest
        float[] map = new PatchGrid(12, 12, 8, 4).maxOverCovering(new float[] {5, 1, 2, 3});
        assertThat(map[5 * 12 + 5]).isEqualTo(5f);
        assertThat(map[11 * 12 + 11]).isEqualTo(3f);
        assertThat(map[0]).isEqualTo(5f);
        float[] img = new float[13 * 11 * 3];
        img[(10 * 13 + 12) * 3] = 7f;
        float[] patches = new float[grid.count() * grid.dim()];
        grid.extractAll(img, patches, 0);
        // the bottom-right pixel's red value is the last patch's last pixel
        assertThat(patches[patches.length - 3]).isEqualTo(7f);
    }

    @Test
    void badInputIsRejectedWithAClearMessage() {
        assertThatThrownBy(() -> RawPixelKnn.fit(List.of(), SIZE, SIZE, 8, 4))
                .hasMessageContaining("at least one good frame");
        assertThatThrownBy(() -> RawPixelKnn.fit(List.of(new float[6 * 6 * 3]), 6, 6, 8, 4))
                .hasMessageContaining("smaller than the 8 px patch");
        RawPixelKnn knn = RawPixelKnn.fit(good(1), SIZE, SIZE, 8, 4);
        assertThatThrownBy(() -> knn.score(new float[10])).hasMessageContaining("expected 48x48x3");
        assertThatThrownBy(() -> new PatchGrid(16, 16, 8, 0)).hasMessageContaining("must be positive");
    }
}
