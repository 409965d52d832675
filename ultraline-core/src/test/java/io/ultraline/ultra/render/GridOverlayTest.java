package io.ultraline.ultra.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class GridOverlayTest {

    private static final int MIN_SIDE = 384;

    @Test
    void aLongThinFrameStaysWithinTheCanvasBudget() {
        // upscaling the 2-pixel side to 384 would make a 3-gigapixel canvas of 16384 x 2
        GridOverlay overlay = new GridOverlay(new BufferedImage(16384, 2, BufferedImage.TYPE_INT_RGB), 1, 14, MIN_SIDE);
        assertThat((long) overlay.width() * overlay.height()).isLessThanOrEqualTo(GridOverlay.MAX_CANVAS_PIXELS);
        assertThat(overlay.width()).isEqualTo(GridOverlay.MAX_CANVAS_SIDE);
        assertThat(overlay.height()).isEqualTo(1);
        BufferedImage out = overlay.concepts(new int[14], 0.2).withCaption(List.of("a", "b"));
        assertThat(out.getWidth()).isEqualTo(GridOverlay.MAX_CANVAS_SIDE);
        assertThat(out.getHeight()).isLessThan(64);
    }

    @Test
    void everyShapeFitsTheBudgetAndSmallFramesAreScaledByWholeFactors() {
        int[][] shapes = {
            {16384, 2},
            {2, 16384},
            {16384, 16384},
            {1, 1},
            {4096, 4096},
            {6000, 4000},
            {1000, 10},
            {64, 48},
            {224, 224},
            {10_000, 1}
        };
        for (int[] s : shapes) {
            double scale = GridOverlay.canvasScale(s[0], s[1], MIN_SIDE);
            long w = Math.max(1, Math.round(s[0] * scale));
            long h = Math.max(1, Math.round(s[1] * scale));
            assertThat(w * h).as("%dx%d", s[0], s[1]).isLessThanOrEqualTo(GridOverlay.MAX_CANVAS_PIXELS);
            assertThat(Math.max(w, h)).as("%dx%d", s[0], s[1]).isLessThanOrEqualTo(GridOverlay.MAX_CANVAS_SIDE);
            if (scale >= 1) {
                assertThat(scale).as("%dx%d", s[0], s[1]).isEqualTo(Math.floor(scale));
            }
        }
        assertThat(GridOverlay.canvasScale(64, 48, MIN_SIDE)).isEqualTo(8);
        assertThat(GridOverlay.canvasScale(1000, 10, MIN_SIDE)).isEqualTo(4);
        assertThat(GridOverlay.canvasScale(4096, 4096, MIN_SIDE)).isEqualTo(0.5);
    }

    @Test
    void arraysThatDoNotMatchTheGridAreRefusedByName() {
        GridOverlay overlay = new GridOverlay(new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB), 14, 14, MIN_SIDE);
        assertThatThrownBy(() -> overlay.concepts(new int[195], 0.2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("concept labels has 195 values for a 14x14 grid of 196 cells");
        assertThatThrownBy(() -> overlay.heatmap(new float[197], 0, 1, 0.4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("heatmap has 197");
        assertThatThrownBy(() -> overlay.outline(new boolean[49], 0xff00))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mask has 49");
        assertThatThrownBy(() -> overlay.markCell(196, 0xff00)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GridOverlay(new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB), 0, 14, 384))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("grid must be positive");
    }

    @Test
    void longCaptionLinesAreCutAndThinCanvasesGetAReadableStrip() {
        GridOverlay overlay = new GridOverlay(new BufferedImage(2, 16384, BufferedImage.TYPE_INT_RGB), 14, 1, MIN_SIDE);
        assertThat(overlay.width()).isEqualTo(1);
        BufferedImage out = overlay.withCaption(List.of("x".repeat(2_000_000)));
        assertThat(out.getWidth()).isEqualTo(GridOverlay.MIN_CAPTION_WIDTH);
        assertThat(out.getHeight()).isEqualTo(GridOverlay.MAX_CANVAS_SIDE + 16 + 6);
    }

    @Test
    void pixelConceptsColourEachPixelByItsOwnLabelNotItsCell() {
        // an 8 x 4 frame under a 1 x 1 grid, at canvas scale 1: labels change at pixel column 3
        BufferedImage frame = new BufferedImage(8, 4, BufferedImage.TYPE_INT_RGB);
        int[] labels = new int[32];
        for (int p = 0; p < 32; p++) {
            labels[p] = p % 8 < 3 ? 0 : 1;
        }

        BufferedImage out =
                new GridOverlay(frame, 1, 1, 4).conceptPixels(labels, 8, 4, 1.0).image();

        assertThat(out.getRGB(0, 0) & 0xffffff).isEqualTo(Palette.concept(0));
        assertThat(out.getRGB(1, 1) & 0xffffff).isEqualTo(Palette.concept(0));
        assertThat(out.getRGB(2, 1) & 0xffffff).as("border").isEqualTo(0xffffff);
        assertThat(out.getRGB(3, 1) & 0xffffff).as("border").isEqualTo(0xffffff);
        assertThat(out.getRGB(5, 1) & 0xffffff).isEqualTo(Palette.concept(1));
        assertThatThrownBy(() -> new GridOverlay(frame, 1, 1, 4).conceptPixels(new int[15], 4, 4, 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4x4 label image needs 16 values, got 15");
    }

    @Test
    void pixelOutlinesFollowTheMaskNotTheTokenGrid() {
        BufferedImage black = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        boolean[] full = new boolean[32 * 32];
        for (int y = 10; y <= 12; y++) {
            for (int x = 10; x <= 12; x++) {
                full[y * 32 + x] = true;
            }
        }
        boolean[] half = new boolean[16 * 16];
        half[2 * 16 + 12] = true;

        BufferedImage out = new GridOverlay(black, 2, 2, 32)
                .outlinePixels(full, 32, 32, 0x00ff00)
                .outlinePixels(half, 16, 16, 0xff0000)
                .withCaption(List.of());

        assertThat(out.getRGB(10, 10) & 0xffffff).isEqualTo(0x00ff00);
        assertThat(out.getRGB(12, 11) & 0xffffff).isEqualTo(0x00ff00);
        assertThat(out.getRGB(11, 11) & 0xffffff).as("inside").isZero();
        assertThat(out.getRGB(0, 0) & 0xffffff).as("token corner").isZero();
        assertThat(out.getRGB(9, 10) & 0xffffff).as("outside").isZero();
        // the 16 x 16 mask's pixel (12, 2) covers canvas pixels 24-25 x 4-5
        assertThat(out.getRGB(24, 4) & 0xffffff).isEqualTo(0xff0000);
        assertThat(out.getRGB(25, 5) & 0xffffff).isEqualTo(0xff0000);
        assertThat(out.getRGB(26, 4) & 0xffffff).isZero();
        assertThatThrownBy(() -> new GridOverlay(black, 2, 2, 32).outlinePixels(new boolean[10], 4, 4, 1))
                .hasMessageContaining("4x4 pixel mask");
    }
}
