package io.ultraline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultraline.avro.ImageEncoding;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BenchFramesTest {

    @Test
    void defectsAreSpreadEvenlyAtTheRate() {
        assertThat(IntStream.range(0, 20)
                        .filter(i -> BenchFrames.defective(i, 0.1))
                        .boxed()
                        .toList())
                .containsExactly(9, 19);
        assertThat(IntStream.range(0, 100)
                        .filter(i -> BenchFrames.defective(i, 0.25))
                        .count())
                .isEqualTo(25);
        assertThat(IntStream.range(0, 50)
                        .filter(i -> BenchFrames.defective(i, 0))
                        .count())
                .isZero();
        assertThat(IntStream.range(0, 50)
                        .filter(i -> BenchFrames.defective(i, 1))
                        .count())
                .isEqualTo(50);
    }

    @Test
    void framesComeInTheAskedEncodingUnderTheGivenIds() {
        BenchFrames raw = new BenchFrames(List.of("a", "b"), 32, 2, 1, 0.5, ImageEncoding.RGB8);
        assertThat(raw.cameraId(1)).isEqualTo("b");
        assertThat(raw.png(0, 0)).hasSize(32 * 32 * 3);
        byte[] jpeg = new BenchFrames(List.of("a"), 32, 1, 1, 0, ImageEncoding.JPEG).png(0, 0);
        assertThat(jpeg[0] & 0xff).isEqualTo(0xff);
        assertThat(jpeg[1] & 0xff).isEqualTo(0xd8);
        byte[] png = new BenchFrames(List.of("a"), 32, 1, 1, 0, ImageEncoding.PNG)
                .calibration(0)
                .get(0);
        assertThat(png[1]).isEqualTo((byte) 'P');
        assertThatThrownBy(() -> new BenchFrames(List.of("a"), 32, 1, 1, 0, ImageEncoding.GRAY8))
                .hasMessageContaining("GRAY8");
    }
}
