package io.ultraline.defect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultraline.ultra.align.ConceptPrototypes;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class ProfileCodecTest {

    private static final int D = 5;

    private static ReferenceProfile profile() {
        float[] bank = new Gaussians(21).tokens(7, D, 0f, 2f);
        return new ReferenceProfile(
                123456789012L,
                Instant.parse("2025-06-01T08:00:00.250Z"),
                3,
                D,
                4.5f,
                0.99f,
                1.1f,
                new float[] {3.25f, 4.0f, 3.5f},
                MemoryBank.of(bank, D));
    }

    @Test
    void roundTripGivesAnEqualProfile() {
        ReferenceProfile profile = profile();

        ReferenceProfile decoded = ProfileCodec.decode(ProfileCodec.encode(profile));

        assertThat(decoded).isEqualTo(profile);
        assertThat(decoded.bank().rows()).containsExactly(profile.bank().rows());
        assertThat(decoded.created()).isEqualTo(profile.created());
    }

    @Test
    void roundTripKeepsAnOverriddenThresholdAndACalibratedProfile() {
        ProfileBuilder builder = new ProfileBuilder(new ProfileConfig(20, 0.95f, 1.2f, 3, 4), D);
        Gaussians g = new Gaussians(22);
        for (int i = 0; i < 4; i++) {
            builder.add(g.tokens(9, D, 1f, 1f));
        }
        ReferenceProfile calibrated = builder.build(2, Instant.parse("2025-01-01T00:00:00Z"));
        ReferenceProfile overridden = calibrated.withThreshold(9.75f);

        assertThat(ProfileCodec.decode(ProfileCodec.encode(calibrated))).isEqualTo(calibrated);
        ReferenceProfile decoded = ProfileCodec.decode(ProfileCodec.encode(overridden));
        assertThat(decoded).isEqualTo(overridden);
        assertThat(decoded.thresholdOverridden()).isTrue();
    }

    @Test
    void layoutIsAsDocumented() {
        ReferenceProfile profile = profile();
        byte[] data = ProfileCodec.encode(profile);
        ByteBuffer in = ByteBuffer.wrap(data);

        assertThat(Arrays.copyOf(data, 4)).containsExactly('U', 'L', 'P', 'F');
        assertThat(in.getInt(4)).isEqualTo(1);
        int payload = 8 + 8 + 4 + 4 + 12 + 4 + 3 * 4 + 4 + 7 * D * 4;
        assertThat(in.getInt(8)).isEqualTo(payload);
        assertThat(data).hasSize(12 + payload + 4);
        assertThat(in.getLong(12)).isEqualTo(123456789012L);
        assertThat(in.getLong(20)).isEqualTo(profile.created().toEpochMilli());
        assertThat(in.getFloat(36)).isEqualTo(4.5f); // big-endian threshold
        assertThat(in.getFloat(12 + payload - 4)).isEqualTo(profile.bank().rows()[7 * D - 1]);
        CRC32 crc = new CRC32();
        crc.update(data, 0, 12 + payload);
        assertThat(Integer.toUnsignedLong(in.getInt(12 + payload))).isEqualTo(crc.getValue());
    }

    @Test
    void rejectsWrongMagic() {
        byte[] data = ProfileCodec.encode(profile());
        data[0] = 'X';

        assertThatThrownBy(() -> ProfileCodec.decode(data))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an ultraline reference profile")
                .hasMessageContaining("0x584c5046");
    }

    @Test
    void rejectsAnUnsupportedFormatVersion() {
        byte[] data = ProfileCodec.encode(profile());
        ByteBuffer.wrap(data).putInt(4, 4);

        assertThatThrownBy(() -> ProfileCodec.decode(data))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsupported profile format version 4");
    }

    @Test
    void rejectsTruncatedData() {
        byte[] data = ProfileCodec.encode(profile());

        assertThatThrownBy(() -> ProfileCodec.decode(Arrays.copyOf(data, data.length - 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truncated profile")
                .hasMessageContaining("only " + (data.length - 1) + " are present");
        assertThatThrownBy(() -> ProfileCodec.decode(Arrays.copyOf(data, 6)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truncated profile")
                .hasMessageContaining("header alone needs 12");
        assertThatThrownBy(() -> ProfileCodec.decode(null)).hasMessageContaining("truncated profile");
    }

    @Test
    void rejectsTrailingData() {
        byte[] data = ProfileCodec.encode(profile());

        assertThatThrownBy(() -> ProfileCodec.decode(Arrays.copyOf(data, data.length + 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trailing data");
    }

    @Test
    void rejectsABadChecksum() {
        byte[] data = ProfileCodec.encode(profile());
        data[data.length - 20] ^= 0x01; // one bit of a bank float

        assertThatThrownBy(() -> ProfileCodec.decode(data))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("checksum mismatch");
    }

    @Test
    void rejectsInconsistentCountsEvenUnderAValidChecksum() {
        byte[] data = ProfileCodec.encode(profile());
        int bankSizeAt = 12 + 8 + 8 + 4 + 4 + 12 + 4 + 3 * 4;
        ByteBuffer.wrap(data).putInt(bankSizeAt, 8); // one token more than the bytes hold
        rewriteChecksum(data);

        assertThatThrownBy(() -> ProfileCodec.decode(data))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("corrupt profile payload")
                .hasMessageContaining("bank size x token dimension");
    }

    @Test
    void rejectsAPayloadThatBreaksTheProfileInvariants() {
        byte[] data = ProfileCodec.encode(profile());
        ByteBuffer.wrap(data).putFloat(36, -1f); // negative threshold
        rewriteChecksum(data);

        assertThatThrownBy(() -> ProfileCodec.decode(data))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threshold must be finite and >= 0");
    }

    private static void rewriteChecksum(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data, 0, data.length - 4);
        ByteBuffer.wrap(data).putInt(data.length - 4, (int) crc.getValue());
    }

    private static ReferenceProfile withAppearance() {
        ProfileBuilder b =
                new ProfileBuilder(new ProfileConfig(20, 0.95f, 1.2f, 3, 4, new AppearanceConfig(300, 10)), D);
        Gaussians g = new Gaussians(23);
        for (int i = 0; i < 4; i++) {
            b.add(g.tokens(9, D, 1f, 1f), AppearanceBank.quantise(AppearanceTestFrames.good(60 + i)));
        }
        return b.build(3, Instant.parse("2025-01-01T00:00:00Z"));
    }

    @Test
    void aProfileWithItsRawPixelChannelRoundTripsAsFormat2AndOneWithoutStaysFormat1() {
        ReferenceProfile profile = withAppearance();
        byte[] data = ProfileCodec.encode(profile);

        assertThat(ByteBuffer.wrap(data).getInt(4)).isEqualTo(2);
        ReferenceProfile decoded = ProfileCodec.decode(data);
        assertThat(decoded).isEqualTo(profile);
        assertThat(decoded.appearance().bank().rows())
                .containsExactly(profile.appearance().bank().rows());
        assertThat(decoded.appearance().threshold())
                .isEqualTo(profile.appearance().threshold());
        assertThat(ByteBuffer.wrap(ProfileCodec.encode(profile.withoutAppearance()))
                        .getInt(4))
                .isEqualTo(1);
    }

    @Test
    void aCorruptRawPixelChannelIsRefusedWithItsReason() {
        byte[] data = ProfileCodec.encode(withAppearance());
        int channel = 12 + 8 + 8 + 4 + 4 + 12 + 4 + 4 * 4 + 4 + 4 * profileBankFloats(data);
        ByteBuffer.wrap(data).putInt(channel + 4, 16);
        rewriteChecksum(data);
        assertThatThrownBy(() -> ProfileCodec.decode(data))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16 px patches");

        byte[] cut = ProfileCodec.encode(withAppearance());
        ByteBuffer.wrap(cut).putInt(8, ByteBuffer.wrap(cut).getInt(8) - 40);
        byte[] shorter = Arrays.copyOf(cut, cut.length - 40);
        rewriteChecksum(shorter);
        assertThatThrownBy(() -> ProfileCodec.decode(shorter))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("corrupt profile payload");
    }

    /** Bank floats of an encoded profile with 4 calibration frames, read from its bank size field. */
    private static int profileBankFloats(byte[] data) {
        int bankSizeAt = 12 + 8 + 8 + 4 + 4 + 12 + 4 + 4 * 4;
        return ByteBuffer.wrap(data).getInt(bankSizeAt) * D;
    }

    private static io.ultraline.ultra.transform.TokenTransform transform(int rows) {
        float[] w = new Gaussians(31).tokens(rows, D, 0f, 1f);
        return new io.ultraline.ultra.transform.TokenTransform(D, rows, w);
    }

    @Test
    void aProfileWithATransformRoundTripsAsFormat3WithOrWithoutItsRawPixelChannel() {
        for (ReferenceProfile plain : new ReferenceProfile[] {profile(), withAppearance()}) {
            ReferenceProfile profile = plain.withTransform(transform(3));
            byte[] data = ProfileCodec.encode(profile);

            assertThat(ByteBuffer.wrap(data).getInt(4)).isEqualTo(3);
            ReferenceProfile decoded = ProfileCodec.decode(data);
            assertThat(decoded).isEqualTo(profile).isNotEqualTo(plain);
            assertThat(decoded.transform().weights())
                    .containsExactly(profile.transform().weights());
            assertThat(decoded.appearance() == null).isEqualTo(plain.appearance() == null);
            // without W the profile is written in the format it had before, for older readers
            assertThat(ByteBuffer.wrap(ProfileCodec.encode(decoded.withTransform(null)))
                            .getInt(4))
                    .isEqualTo(plain.appearance() == null ? 1 : 2);
            // W survives the other copies a service makes
            assertThat(decoded.withVersion(9)
                            .withThreshold(7f)
                            .withoutAppearance()
                            .transform())
                    .isSameAs(decoded.transform());
        }
    }

    @Test
    void layoutOfTheTransformIsAsDocumented() {
        byte[] data = ProfileCodec.encode(profile().withTransform(transform(2)));
        ByteBuffer in = ByteBuffer.wrap(data);
        int parts = 12 + 8 + 8 + 4 + 4 + 12 + 4 + 3 * 4 + 4 + 7 * D * 4;
        assertThat(in.getInt(parts)).isEqualTo(2);
        assertThat(in.getInt(parts + 4)).isEqualTo(2);
        assertThat(in.getInt(parts + 8)).isEqualTo(D);
        assertThat(in.getFloat(parts + 12)).isEqualTo(transform(2).weights()[0]);
        assertThat(data).hasSize(parts + 12 + 2 * D * 4 + 4);
    }

    @Test
    void aCorruptTransformIsRefusedWithItsReason() {
        byte[] data = ProfileCodec.encode(profile().withTransform(transform(2)));
        int parts = 12 + 8 + 8 + 4 + 4 + 12 + 4 + 3 * 4 + 4 + 7 * D * 4;
        ByteBuffer.wrap(data).putInt(parts + 8, D + 1);
        rewriteChecksum(data);
        assertThatThrownBy(() -> ProfileCodec.decode(data))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a 2 x 6 transform for 5-dimensional tokens");

        byte[] unknown = ProfileCodec.encode(profile().withTransform(transform(2)));
        ByteBuffer.wrap(unknown).putInt(parts, 2 | 64);
        rewriteChecksum(unknown);
        assertThatThrownBy(() -> ProfileCodec.decode(unknown))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown parts 66");
        assertThatThrownBy(() -> profile()
                        .withTransform(
                                new io.ultraline.ultra.transform.TokenTransform(D + 1, 2, new float[2 * (D + 1)])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the transform takes 6-dimensional tokens, the profile's are 5");
    }

    private static ConceptPrototypes prototypes(int count) {
        float[][] vectors = new float[count][];
        for (int c = 0; c < count; c++) {
            vectors[c] = new Gaussians(40 + c).tokens(1, D, 0f, 1f);
        }
        return new ConceptPrototypes(new Gaussians(39).tokens(1, D, 0f, 1f), vectors, 0.75);
    }

    @Test
    void conceptPrototypesRoundTripAsFormat3AloneOrAfterATransform() {
        for (ReferenceProfile plain :
                new ReferenceProfile[] {profile(), profile().withTransform(transform(2))}) {
            ReferenceProfile profile = plain.withConceptPrototypes(prototypes(3));
            byte[] data = ProfileCodec.encode(profile);

            assertThat(ByteBuffer.wrap(data).getInt(4)).isEqualTo(3);
            ReferenceProfile decoded = ProfileCodec.decode(data);
            assertThat(decoded).isEqualTo(profile).isNotEqualTo(plain);
            assertThat(decoded.conceptPrototypes().vectors())
                    .isDeepEqualTo(prototypes(3).vectors());
            assertThat(decoded.conceptPrototypes().maxDistance()).isEqualTo(0.75);
            ReferenceProfile renumbered =
                    profile.withConceptPrototypes(prototypes(3).withIds(new int[] {4, 0, 7}));
            assertThat(ProfileCodec.decode(ProfileCodec.encode(renumbered))
                            .conceptPrototypes()
                            .ids())
                    .containsExactly(4, 0, 7);
            assertThat(decoded.transform() == null).isEqualTo(plain.transform() == null);
            // the prototypes survive the copies a service makes
            assertThat(decoded.withVersion(9)
                            .withThreshold(7f)
                            .withTransform(null)
                            .conceptPrototypes())
                    .isEqualTo(profile.conceptPrototypes());
            assertThat(ProfileRevisions.withMargin(decoded, 1.2f, 10, Instant.EPOCH)
                            .conceptPrototypes())
                    .isEqualTo(profile.conceptPrototypes());
        }
    }

    @Test
    void layoutOfTheConceptPrototypesIsAsDocumented() {
        byte[] data = ProfileCodec.encode(profile().withConceptPrototypes(prototypes(2)));
        ByteBuffer in = ByteBuffer.wrap(data);
        int parts = 12 + 8 + 8 + 4 + 4 + 12 + 4 + 3 * 4 + 4 + 7 * D * 4;
        assertThat(in.getInt(parts)).isEqualTo(16);
        assertThat(in.getDouble(parts + 4)).isEqualTo(0.75);
        assertThat(in.getInt(parts + 12)).isEqualTo(2);
        assertThat(in.getFloat(parts + 16)).isEqualTo(prototypes(2).centre()[0]);
        assertThat(in.getFloat(parts + 16 + D * 4)).isEqualTo(prototypes(2).vectors()[0][0]);
        assertThat(in.getInt(parts + 16 + 3 * D * 4)).isEqualTo(0);
        assertThat(in.getInt(parts + 16 + 3 * D * 4 + 4)).isEqualTo(1);
        assertThat(data).hasSize(parts + 16 + 3 * D * 4 + 2 * 4 + 4);
    }

    @Test
    void corruptConceptPrototypesAreRefusedWithTheirReason() {
        int parts = 12 + 8 + 8 + 4 + 4 + 12 + 4 + 3 * 4 + 4 + 7 * D * 4;
        byte[] none = ProfileCodec.encode(profile().withConceptPrototypes(prototypes(2)));
        ByteBuffer.wrap(none).putInt(parts + 12, 0);
        rewriteChecksum(none);
        assertThatThrownBy(() -> ProfileCodec.decode(none))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 concept prototypes at match distance 0.75");

        byte[] more = ProfileCodec.encode(profile().withConceptPrototypes(prototypes(2)));
        ByteBuffer.wrap(more).putInt(parts + 12, 3);
        rewriteChecksum(more);
        assertThatThrownBy(() -> ProfileCodec.decode(more))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("concept prototype 5 needs 20 bytes, 8 remain");

        byte[] twice = ProfileCodec.encode(profile().withConceptPrototypes(prototypes(2)));
        ByteBuffer.wrap(twice).putInt(parts + 16 + 3 * D * 4 + 4, 0);
        rewriteChecksum(twice);
        assertThatThrownBy(() -> ProfileCodec.decode(twice))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prototype ids must be distinct");

        assertThatThrownBy(() ->
                        profile().withConceptPrototypes(new ConceptPrototypes(new float[D + 1], new float[0][], 0.9)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the concept prototypes are 6-dimensional, the profile's tokens 5");
    }
}
