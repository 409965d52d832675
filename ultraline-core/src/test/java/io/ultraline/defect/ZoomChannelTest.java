package io.ultraline.defect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ZoomChannelTest {

    private static final int D = 8;
    private static final int GRID = 4;
    private static final int N = GRID * GRID;
    private static final int SCALE = 2;
    private static final Instant CREATED = Instant.parse("2026-12-07T20:00:00Z");

    /** A profile calibrated on 12 frames of normal tokens, each with its 2x tiles. */
    private static ReferenceProfile calibrate(ProfileConfig config) {
        Gaussians g = new Gaussians(5);
        ProfileBuilder builder = new ProfileBuilder(config, D);
        for (int k = 0; k < 12; k++) {
            builder.add(g.tokens(N, D, 0f, 1f), null, g.tokens(SCALE * SCALE * N, D, 0f, 1f), SCALE);
        }
        return builder.build(3L, CREATED);
    }

    private static ReferenceProfile calibrate() {
        return calibrate(new ProfileConfig(64, 0.99f, 1.1f, 4, 42));
    }

    @Test
    void calibrationFusesTheZoomChannelIntoTheHeldOutScoresAndTheThreshold() {
        ReferenceProfile p = calibrate();
        ZoomChannel zoom = p.zoom();

        assertThat(zoom).isNotNull();
        assertThat(zoom.scale()).isEqualTo(SCALE);
        // the token bank keeps half its tokens, the 8-bit zoom bank twice as many
        assertThat(p.bankSize()).isEqualTo(32);
        assertThat(zoom.bank().perPlace()).isEqualTo(128);
        float[] base = zoom.baseCalibrationScores();
        float[] own = zoom.calibrationScores();
        float[] fused = p.calibrationScores();
        for (int i = 0; i < fused.length; i++) {
            assertThat(fused[i]).isEqualTo((base[i] + own[i] * zoom.weight()) / 2f);
        }
        assertThat(p.threshold()).isEqualTo(Quantiles.linear(fused, 0.99f) * 1.1f);
        assertThat(zoom.threshold()).isEqualTo(Quantiles.linear(own, 0.99f));
        assertThat(zoom.weight() * zoom.threshold())
                .isCloseTo(p.baseThreshold(), org.assertj.core.data.Offset.offset(1e-4f));
        assertThat(p.withoutZoom().zoom()).isNull();
        assertThat(p.withoutZoom().calibrationScores()).containsExactly(base);
        assertThat(p.withoutZoom().threshold()).isEqualTo(p.baseThreshold());
        assertThat(p.withoutAppearance().zoom()).isNull();
    }

    @Test
    void withoutTilesFromEveryFrameNoZoomChannelIsCalibrated() {
        Gaussians g = new Gaussians(6);
        ProfileBuilder builder = new ProfileBuilder(new ProfileConfig(64, 0.99f, 1.1f, 4, 42), D);
        builder.add(g.tokens(N, D, 0f, 1f), null, g.tokens(SCALE * SCALE * N, D, 0f, 1f), SCALE);
        builder.add(g.tokens(N, D, 0f, 1f));
        builder.add(g.tokens(N, D, 0f, 1f), null, g.tokens(SCALE * SCALE * N, D, 0f, 1f), SCALE);

        ReferenceProfile p = builder.build(1L, CREATED);

        assertThat(p.zoom()).isNull();
        assertThat(p.bankSize()).isEqualTo(3 * N);
        assertThatThrownBy(() -> builder.add(g.tokens(N, D, 0f, 1f), null, g.tokens(9 * N, D, 0f, 1f), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2x and 3x");
    }

    @Test
    void cellScoresLayTheTilesOutOnTheEnlargedGrid() {
        ReferenceProfile p = calibrate();
        float[] tiles = new Gaussians(7).tokens(SCALE * SCALE * N, D, 0f, 0.2f);
        // tile 3 (bottom right), its token at row 1, column 2: zoomed cell row 5, column 6
        Arrays.fill(tiles, (3 * N + GRID + 2) * D, (3 * N + GRID + 3) * D, 40f);

        float[] cells = p.zoom().cellScores(tiles, D, GRID, GRID);

        int peak = 0;
        for (int c = 0; c < cells.length; c++) {
            peak = cells[c] > cells[peak] ? c : peak;
        }
        assertThat(peak).isEqualTo(5 * SCALE * GRID + 6);
        assertThatThrownBy(() -> p.zoom().cellScores(new float[N * D], D, GRID, GRID))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64 tile tokens");
    }

    @Test
    void aDefectSeenOnlyInTheTilesFlagsTheFrameAndSeedsItsRegionWhereItIs() {
        ReferenceProfile p = calibrate();
        DefectDetector detector = new DefectDetector(ProfileConfig.defaults(), DefectDetector.defaultRegionFinder());
        Gaussians g = new Gaussians(8);
        float[] tokens = new Gaussians(5).tokens(N, D, 0f, 1f);
        float[] tiles = g.tokens(SCALE * SCALE * N, D, 0f, 0.3f);
        Arrays.fill(tiles, (3 * N + GRID + 2) * D, (3 * N + GRID + 3) * D, 40f);
        float[] quiet = g.tokens(SCALE * SCALE * N, D, 0f, 0.3f);

        FrameAssessment flagged = detector.scoreWithPixelScores(p, tokens, D, GRID, GRID, 64, 64, null, tiles);
        FrameAssessment calm = detector.scoreWithPixelScores(p, tokens, D, GRID, GRID, 64, 64, null, quiet);
        FrameAssessment base = detector.score(p.withoutZoom(), tokens, D, GRID, GRID, 64, 64, null);

        assertThat(base.frameScore()).isLessThan(p.baseThreshold());
        assertThat(calm.frameScore()).isLessThan(p.threshold());
        assertThat(flagged.frameScore()).isGreaterThan(p.threshold());
        // the zoomed cell (5, 6) lies in token cell (2, 3): the region seed
        float[] coarse = flagged.tokenScores();
        assertThat(coarse[2 * GRID + 3]).isEqualTo(flagged.frameScore());
        for (float c : coarse) {
            assertThat(c).isLessThanOrEqualTo(flagged.frameScore());
        }
        // the base fine grid is the token grid (no shifted views): the zoom's 2x grid becomes the fine one
        assertThat(flagged.fineScale()).isEqualTo(SCALE);
    }

    @Test
    void aZoomProfileRefusesAFrameWithoutTilesAndAPlainProfileRefusesTiles() {
        ReferenceProfile p = calibrate();
        DefectDetector detector = new DefectDetector(ProfileConfig.defaults(), DefectDetector.defaultRegionFinder());
        float[] tokens = new Gaussians(9).tokens(N, D, 0f, 1f);

        assertThatThrownBy(() -> detector.score(p, tokens, D, GRID, GRID, 64, 64, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2x zoom channel");
        float[] tiles = new float[SCALE * SCALE * N * D];
        assertThatThrownBy(() ->
                        detector.scoreWithPixelScores(p.withoutZoom(), tokens, D, GRID, GRID, 64, 64, null, tiles))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without a zoom channel");
    }

    @Test
    void fusionOnAFineGridTheZoomDoesNotDivideTakesTheirCommonMultiple() {
        ZoomChannel zoom = calibrate().zoom();
        ZoomChannel three = new ZoomChannel(
                3, zoom.bank(), zoom.calibrationScores(), zoom.threshold(), 1f, zoom.baseCalibrationScores());
        AppearanceFusion.Fused base = new AppearanceFusion.Fused(new float[N], new float[N * 4], 2, 0f);
        float[] cells = new float[9 * N];
        cells[0] = 6f;

        AppearanceFusion.Fused fused = ZoomFusion.fuse(base, cells, three, GRID, GRID);

        assertThat(fused.fineScale()).isEqualTo(6);
        assertThat(fused.fine()).hasSize(N * 36);
        assertThat(fused.frameScore()).isEqualTo(3f);
        assertThat(fused.coarse()[0]).isEqualTo(3f);
    }

    @Test
    void aZoomProfileRoundTripsThroughTheCodecAndACorruptScaleIsRefused() {
        ReferenceProfile p = calibrate();

        byte[] bytes = ProfileCodec.encode(p);
        ReferenceProfile decoded = ProfileCodec.decode(bytes);

        assertThat(decoded).isEqualTo(p);
        assertThat(decoded.zoom().bank().memoryBank()).isEqualTo(p.zoom().bank().memoryBank());
        assertThat(ProfileCodec.decode(ProfileCodec.encode(p.withoutZoom())).zoom())
                .isNull();
        int scaleAt = bytes.length
                - 4
                - (int) (4L * 3 + 8L + 8L * 12 + 4 + p.zoom().bank().encodedBytes());
        assertThat(intAt(bytes, scaleAt)).isEqualTo(SCALE);
        bytes[scaleAt + 3] = 9;
        rewriteChecksum(bytes);
        assertThatThrownBy(() -> ProfileCodec.decode(bytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("enlarges 2 to 4 times, got 9");
    }

    @Test
    void aTaughtNormalFrameJoinsTheZoomBankToo() {
        ReferenceProfile p = calibrate();
        float[] tokens = new Gaussians(10).tokens(N, D, 0f, 1f);
        float[] tiles = new Gaussians(11).tokens(SCALE * SCALE * N, D, 0f, 0.3f);
        Arrays.fill(tiles, 0, D, 40f);

        ReferenceProfile taught = ProfileRevisions.withNormalFrame(p, tokens, null, tiles, 4L, CREATED);

        assertThat(taught.zoom().bank().perPlace()).isEqualTo(p.zoom().bank().perPlace());
        assertThat(ZoomChannel.frameScore(taught.zoom().cellScores(tiles, D, GRID, GRID)))
                .isLessThan(ZoomChannel.frameScore(p.zoom().cellScores(tiles, D, GRID, GRID)) / 4f);
        assertThat(taught.threshold()).isEqualTo(p.threshold());
        assertThatThrownBy(() -> ProfileRevisions.withNormalFrame(p, tokens, null, 5L, CREATED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2x tile tokens");
    }

    private static int intAt(byte[] bytes, int at) {
        return java.nio.ByteBuffer.wrap(bytes, at, 4).getInt();
    }

    private static void rewriteChecksum(byte[] data) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(data, 0, data.length - 4);
        java.nio.ByteBuffer.wrap(data, data.length - 4, 4).putInt((int) crc.getValue());
    }
}
