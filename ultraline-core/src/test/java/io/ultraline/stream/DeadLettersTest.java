package io.ultraline.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultraline.avro.RejectReason;
import io.ultraline.avro.RejectedFrame;
import io.ultraline.avro.SourceRef;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Dead letters stay under their topic's limit and can always be matched to the original value. */
class DeadLettersTest {

    private static final SourceRef SOURCE = new SourceRef("line.frames", 0, 7L);
    private static final byte[] KEY = "cam-1".getBytes(StandardCharsets.UTF_8);

    @Test
    void aValueThatFitsIsKeptWholeWithItsSizeAndDigest() throws Exception {
        byte[] value = random(10_000);
        RejectedFrame d = DeadLetters.of(
                SOURCE,
                1L,
                KEY,
                value,
                Map.of(),
                RejectReason.IMAGE_CORRUPT,
                "bad",
                "v",
                2L,
                OutputLimits.MIN_DEAD_LETTER_BYTES);
        assertThat(bytes(d.getOriginalValue())).isEqualTo(value);
        assertThat(d.getOriginalTruncated()).isFalse();
        assertThat(d.getOriginalValueSize()).isEqualTo(10_000L);
        assertThat(d.getOriginalValueSha256()).isEqualTo(sha256(value));
    }

    @Test
    void aValueOverTheLimitKeepsItsPrefixAndTheWholeValuesSizeAndDigest() throws Exception {
        byte[] value = random(200_000);
        int max = 64 * 1024;
        RejectedFrame d = DeadLetters.of(
                SOURCE,
                1L,
                KEY,
                value,
                Map.of("h", ByteBuffer.wrap(new byte[10])),
                RejectReason.IMAGE_CORRUPT,
                "bad",
                "v",
                2L,
                max);
        byte[] kept = bytes(d.getOriginalValue());
        assertThat(kept.length).isPositive().isLessThan(max);
        assertThat(kept).isEqualTo(Arrays.copyOf(value, kept.length));
        assertThat(d.getOriginalTruncated()).isTrue();
        assertThat(d.getOriginalValueSize()).isEqualTo(200_000L);
        assertThat(d.getOriginalValueSha256()).isEqualTo(sha256(value));
        assertThat(d.getOriginalHeaders()).containsKey("h");
        assertThat(encodedSize(d) + KEY.length).isLessThanOrEqualTo(max);
    }

    @Test
    void anOverLongKeyAndOverLargeHeadersAreCutToo() {
        int max = OutputLimits.MIN_DEAD_LETTER_BYTES;
        byte[] key = random(100_000);
        RejectedFrame d = DeadLetters.of(
                SOURCE,
                1L,
                key,
                random(100_000),
                Map.of("big", ByteBuffer.wrap(new byte[max])),
                RejectReason.DESERIALIZATION_FAILED,
                "bad",
                "v",
                2L,
                max);
        assertThat(DeadLetters.recordKey(d))
                .hasSize(DeadLetters.maxKeyBytes(max))
                .isEqualTo(Arrays.copyOf(key, DeadLetters.maxKeyBytes(max)));
        assertThat(d.getOriginalHeaders()).isEmpty();
        assertThat(d.getOriginalTruncated()).isTrue();
        assertThat(encodedSize(d) + DeadLetters.recordKey(d).length).isLessThanOrEqualTo(max);
    }

    @Test
    void overLongIdsAndMessagesAreCut() {
        OriginalRecord original =
                new OriginalRecord("line.frames", 0, 1L, 1L, KEY, new byte[] {1}, java.util.List.of());
        RejectedFrame d = DeadLetters.of(
                original,
                RejectReason.INVALID_FIELD,
                "m".repeat(50_000),
                "c".repeat(50_000),
                "f".repeat(50_000),
                null,
                null,
                "v",
                2L,
                OutputLimits.MIN_DEAD_LETTER_BYTES);
        assertThat(d.getCameraId()).hasSizeLessThanOrEqualTo(DeadLetters.MAX_ID);
        assertThat(d.getFrameId()).hasSizeLessThanOrEqualTo(DeadLetters.MAX_ID);
        assertThat(d.getMessage()).hasSizeLessThanOrEqualTo(DeadLetters.MAX_MESSAGE);
    }

    private static long encodedSize(RejectedFrame d) {
        try {
            return d.toByteBuffer().remaining();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
