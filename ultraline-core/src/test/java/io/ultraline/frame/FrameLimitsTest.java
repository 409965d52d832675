package io.ultraline.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FrameLimitsTest {

    private static final Set<FrameEncoding> PNG_ONLY = EnumSet.of(FrameEncoding.PNG);

    @Test
    void defaultsAreTheDocumentedValuesAndAllowEveryKnownEncoding() {
        FrameLimits limits = FrameLimits.defaults();
        assertThat(limits.maxBytes()).isEqualTo(20 * 1024 * 1024);
        assertThat(limits.maxPixels()).isEqualTo(40_000_000L);
        assertThat(limits.maxSide()).isEqualTo(16_384);
        assertThat(limits.allowed())
                .containsExactlyInAnyOrder(
                        FrameEncoding.JPEG, FrameEncoding.PNG, FrameEncoding.GRAY8, FrameEncoding.RGB8);
    }

    @Test
    void rejectsNonPositiveOrUnrepresentableBounds() {
        assertThatThrownBy(() -> new FrameLimits(0, 10, 10, PNG_ONLY)).hasMessageContaining("maxBytes");
        assertThatThrownBy(() -> new FrameLimits(10, 0, 10, PNG_ONLY)).hasMessageContaining("maxPixels");
        assertThatThrownBy(() -> new FrameLimits(10, FrameLimits.MAX_REPRESENTABLE_PIXELS + 1, 10, PNG_ONLY))
                .hasMessageContaining("maxPixels");
        assertThatThrownBy(() -> new FrameLimits(10, 10, -1, PNG_ONLY)).hasMessageContaining("maxSide");
    }

    @Test
    void rejectsEmptyNullOrUnknownEncodings() {
        assertThatThrownBy(() -> new FrameLimits(10, 10, 10, Set.of())).hasMessageContaining("at least one");
        assertThatThrownBy(() -> new FrameLimits(10, 10, 10, null)).hasMessageContaining("at least one");
        assertThatThrownBy(() -> new FrameLimits(10, 10, 10, Set.of(FrameEncoding.PNG, FrameEncoding.UNKNOWN)))
                .hasMessageContaining("UNKNOWN");
        Set<FrameEncoding> withNull = new HashSet<>();
        withNull.add(null);
        assertThatThrownBy(() -> new FrameLimits(10, 10, 10, withNull)).hasMessageContaining("null");
    }

    @Test
    void allowedIsACopyThatCannotBeChanged() {
        Set<FrameEncoding> source = EnumSet.of(FrameEncoding.PNG);
        FrameLimits limits = new FrameLimits(10, 10, 10, source);
        source.add(FrameEncoding.JPEG);
        assertThat(limits.allowed()).containsExactly(FrameEncoding.PNG);
        assertThatThrownBy(() -> limits.allowed().add(FrameEncoding.RGB8))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void fitsChecksBothSidesAndTheProduct() {
        FrameLimits limits = new FrameLimits(10, 100, 20, PNG_ONLY);
        assertThat(limits.fits(10, 10)).isTrue();
        assertThat(limits.fits(20, 5)).isTrue();
        assertThat(limits.fits(21, 1)).isFalse();
        assertThat(limits.fits(11, 10)).isFalse();
        assertThat(limits.fits(65_535, 65_535)).isFalse();
    }
}
