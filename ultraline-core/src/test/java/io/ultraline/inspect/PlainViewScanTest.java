package io.ultraline.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ultraline.frame.RgbImage;
import io.ultraline.stream.TestModels;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Scanning the plain view first and adding the shifted views later gives the tokens a full scan gives. */
class PlainViewScanTest {

    private static RgbImage noise(long seed, int size) {
        Random r = new Random(seed);
        float[] px = new float[size * size * 3];
        for (int i = 0; i < px.length; i++) {
            px[i] = r.nextFloat();
        }
        return new RgbImage(size, size, px);
    }

    @Test
    void theShiftedViewsAddedLaterAreThoseOfAFullScan() {
        FrameInspector inspector = TestModels.shiftingInspector();
        int size = inspector.runner().config().imageSize();
        List<RgbImage> frames = List.of(noise(1, size), noise(2, size), noise(3, size));

        List<InspectedFrame> full = inspector.scan(frames);
        List<InspectedFrame> plain = inspector.scanPlainView(frames);
        // only the middle frame gets its views; the others stay as scanned
        List<InspectedFrame> some = inspector.withShiftedViews(List.of(plain.get(1)));
        List<InspectedFrame> mixed = new ArrayList<>(plain);
        mixed.set(1, some.get(0));
        List<InspectedFrame> again = inspector.withShiftedViews(mixed);

        int oneView = full.get(0).modelOutput().tokens().length;
        assertThat(plain).allSatisfy(f -> {
            assertThat(f.scoringTokens()).hasSize(oneView);
            assertThat(inspector.hasShiftedViews(f)).isFalse();
        });
        assertThat(full.get(0).scoringTokens()).hasSize(4 * oneView);
        assertThat(again.get(1)).isSameAs(some.get(0));
        for (int i = 0; i < frames.size(); i++) {
            assertThat(inspector.hasShiftedViews(again.get(i))).isTrue();
            assertThat(again.get(i).scoringTokens()).containsExactly(full.get(i).scoringTokens(), within(1e-5f));
            assertThat(again.get(i).modelInput()).isEqualTo(full.get(i).modelInput());
        }
    }
}
