package io.ultraline.frame;

import static io.ultraline.frame.TestImages.DECODER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random damage to valid files: every mutant must decode or be rejected with
 * {@link FrameRejectedException}; any other exception is a bug. Random bytes behind a JPEG
 * signature are no file at all, so those must be rejected. Seeds are fixed, so a failure
 * names a reproducible case.
 */
class FrameDecoderFuzzTest {

    private static final int MUTANTS = 200;

    @Test
    void mutatedPngsDecodeOrAreRejected() {
        byte[] png = TestImages.png(TestImages.noise(24, 16, 5));
        // every other mutant gets its CRCs repaired, so damage reaches the decoder, not only the checksum
        Map<DecodeFailure, Integer> reasons = run(FrameEncoding.PNG, png, 24, 16, true);
        assertThat(reasons).containsKey(DecodeFailure.IMAGE_CORRUPT).containsKey(DecodeFailure.IMAGE_TRUNCATED);
    }

    @Test
    void mutatedJpegsDecodeOrAreRejected() {
        byte[] jpeg = TestImages.jpeg(TestImages.gradient(48, 32), 0.8f);
        Map<DecodeFailure, Integer> reasons = run(FrameEncoding.JPEG, jpeg, 48, 32, false);
        assertThat(reasons).containsKey(DecodeFailure.IMAGE_CORRUPT).containsKey(DecodeFailure.IMAGE_TRUNCATED);
    }

    @Test
    void garbageAfterAJpegSignatureIsRejected() {
        Random random = new Random(17);
        for (int i = 0; i < MUTANTS; i++) {
            byte[] garbage = new byte[3 + random.nextInt(5000)];
            random.nextBytes(garbage);
            System.arraycopy(ImageSignature.JPEG, 0, garbage, 0, 3);
            // random bytes cannot hold the frame header, scan and EOI a decodable file needs
            assertThat(decodeOrReject(FrameEncoding.JPEG, garbage, 48, 32, "garbage " + i))
                    .as("garbage %d of %d bytes decoded", i, garbage.length)
                    .isNotNull();
        }
    }

    private static Map<DecodeFailure, Integer> run(
            FrameEncoding encoding, byte[] valid, int width, int height, boolean repairCrcs) {
        Map<DecodeFailure, Integer> reasons = new EnumMap<>(DecodeFailure.class);
        Random random = new Random(encoding.ordinal() * 1000L + 1);
        int decoded = 0;
        for (int i = 0; i < MUTANTS; i++) {
            byte[] mutant = mutate(valid, random);
            if (repairCrcs && i % 2 == 0) {
                mutant = TestImages.withFixedCrcs(mutant);
            }
            DecodeFailure reason = decodeOrReject(encoding, mutant, width, height, "mutant " + i);
            if (reason == null) {
                decoded++;
            } else {
                reasons.merge(reason, 1, Integer::sum);
            }
        }
        assertThat(decoded
                        + reasons.values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(MUTANTS);
        return reasons;
    }

    /** Decodes; returns null on success, the reason on rejection, and fails the test on anything else. */
    private static DecodeFailure decodeOrReject(
            FrameEncoding encoding, byte[] bytes, int width, int height, String label) {
        try {
            RgbImage img = DECODER.decode(encoding, width, height, bytes);
            assertThat(img.width()).isEqualTo(width);
            assertThat(img.height()).isEqualTo(height);
            return null;
        } catch (FrameRejectedException e) {
            assertThat(e.getMessage()).as(label).isNotBlank();
            return e.reason();
        } catch (RuntimeException | Error e) {
            if (e instanceof AssertionError) {
                throw e;
            }
            return fail(label + " threw " + e + " for bytes " + Arrays.toString(Arrays.copyOf(bytes, 64)), e);
        }
    }

    private static byte[] mutate(byte[] valid, Random random) {
        byte[] b = valid.clone();
        int kind = random.nextInt(6);
        switch (kind) {
            case 0 -> { // flip a few bits
                for (int n = 1 + random.nextInt(4); n > 0; n--) {
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> { // overwrite a few bytes, often with the bytes that matter most to parsers
                byte[] special = {0, (byte) 0xFF, (byte) 0xD9, (byte) 0xDA, (byte) 0x7F, (byte) 0x80};
                for (int n = 1 + random.nextInt(4); n > 0; n--) {
                    b[random.nextInt(b.length)] =
                            random.nextBoolean() ? special[random.nextInt(special.length)] : (byte) random.nextInt(256);
                }
            }
            case 2 -> b = Arrays.copyOf(b, random.nextInt(b.length)); // truncate
            case 3 -> { // delete a range
                int from = random.nextInt(b.length);
                int to = Math.min(b.length, from + 1 + random.nextInt(64));
                b = TestImages.concat(Arrays.copyOfRange(b, 0, from), Arrays.copyOfRange(b, to, b.length));
            }
            case 4 -> { // insert random bytes
                int at = random.nextInt(b.length);
                byte[] extra = new byte[1 + random.nextInt(64)];
                random.nextBytes(extra);
                b = TestImages.concat(Arrays.copyOfRange(b, 0, at), extra, Arrays.copyOfRange(b, at, b.length));
            }
            default -> { // duplicate a range in place of another
                int from = random.nextInt(b.length);
                int length = Math.min(b.length - from, 1 + random.nextInt(128));
                int to = random.nextInt(b.length - length + 1);
                System.arraycopy(valid, from, b, to, length);
            }
        }
        return b;
    }
}
