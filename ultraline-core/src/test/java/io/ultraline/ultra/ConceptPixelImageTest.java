package io.ultraline.ultra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConceptPixelImageTest {

    /** A {@code w x h} frame, dark left of a quarter of its width, bright from there on. */
    private static float[] frame(int w, int h) {
        float[] rgb = new float[w * h * 3];
        for (int p = 0; p < w * h; p++) {
            float v = p % w < w * 3 / 8 ? 0.2f : 0.8f;
            rgb[3 * p] = v;
            rgb[3 * p + 1] = v;
            rgb[3 * p + 2] = v;
        }
        return rgb;
    }

    @Test
    void aSmallFrameIsRefinedAtItsOwnSize() {
        int[] cells = {0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1};

        ConceptPixelImage image = ConceptPixelImage.refined(cells, 4, 4, frame(64, 64), 64, 64, 64 * 64);

        assertThat(image.width()).isEqualTo(64);
        assertThat(image.labels())
                .isEqualTo(PixelRefinement.defaults().pixelLabels(cells, 4, 4, frame(64, 64), 64, 64));
    }

    @Test
    void aLargeFrameIsSampledDownToTheBudgetKeepingItsShape() {
        ConceptPixelImage image = ConceptPixelImage.refined(new int[4], 2, 2, frame(800, 400), 800, 400, 100 * 50);

        assertThat((long) image.width() * image.height()).isLessThanOrEqualTo(100 * 50);
        assertThat(image.width()).isEqualTo(100);
        assertThat(image.height()).isEqualTo(50);
    }

    @Test
    void runsRoundTrip() {
        ConceptPixelImage image = new ConceptPixelImage(3, 2, new int[] {0, 0, 2, 2, 2, 1});

        assertThat(image.runs()).containsExactly(0, 2, 2, 3, 1, 1);
        assertThat(ConceptPixelImage.fromRuns(3, 2, image.runs())).isEqualTo(image);
    }

    @Test
    void runsThatDoNotCoverTheImageAreRefused() {
        assertThatThrownBy(() -> ConceptPixelImage.fromRuns(3, 2, new int[] {0, 5}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cover 5 of 6");
        assertThatThrownBy(() -> ConceptPixelImage.fromRuns(3, 2, new int[] {0, 7}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not fit");
        assertThatThrownBy(() -> ConceptPixelImage.fromRuns(3, 2, new int[] {0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pairs");
    }
}
