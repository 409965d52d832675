package io.ultraline.defect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProfileConfigTest {

    @Test
    void aBankCappedForTheRecordLimitEncodesUnderIt() {
        int limit = 200_000;
        int dim = 24;
        ProfileConfig capped =
                ProfileConfig.defaults().withAppearance(AppearanceConfig.off()).withBankFitting(limit, dim);
        assertThat(capped.maxBankSize()).isEqualTo((limit - ProfileConfig.RECORD_OVERHEAD_BYTES) / (4 * dim));
        assertThat(capped.quantile()).isEqualTo(ProfileConfig.defaults().quantile());
        // 60 frames of 64 tokens (3840) would make a 369 kB bank uncapped
        byte[] encoded = ProfileCodec.encode(randomProfile(capped, dim, 60, 3));
        assertThat(encoded.length).isLessThanOrEqualTo(limit - ProfileConfig.RECORD_OVERHEAD_BYTES + 1024);
    }

    @Test
    void theRawPixelChannelTakesAtMostHalfTheRoomAndBothBanksTogetherFit() {
        int limit = 1_000_000;
        int dim = 96;
        ProfileConfig capped = ProfileConfig.defaults().withBankFitting(limit, dim);
        long room = limit - ProfileConfig.RECORD_OVERHEAD_BYTES;

        long pixels = capped.appearance().encodedBytes(ProfileConfig.FITTING_FRAMES);
        assertThat(capped.appearance().enabled()).isTrue();
        assertThat(pixels).isLessThanOrEqualTo(room / 2).isGreaterThan(room / 2 - 4L * 32 * 2);
        assertThat(4L * dim * capped.maxBankSize() + pixels)
                .isLessThanOrEqualTo(room)
                .isGreaterThan(room - 4L * dim);
        // a channel that already fits is kept as configured
        ProfileConfig small = ProfileConfig.defaults()
                .withAppearance(new AppearanceConfig(100, 8))
                .withBankFitting(limit, dim);
        assertThat(small.appearance()).isEqualTo(new AppearanceConfig(100, 8));
        // no room for even the projection: the channel is off, the tokens keep the room
        ProfileConfig tight = ProfileConfig.defaults().withBankFitting(100_000, dim);
        assertThat(tight.appearance().enabled()).isFalse();
        assertThat(tight.maxBankSize()).isEqualTo((100_000 - ProfileConfig.RECORD_OVERHEAD_BYTES) / (4 * dim));
    }

    @Test
    void theBankLeavesRoomForTheTransformOfALargeModel() {
        int limit = 1_000_000;
        int dim = 768;
        ProfileConfig capped =
                ProfileConfig.defaults().withAppearance(AppearanceConfig.off()).withBankFitting(limit, dim);
        ReferenceProfile plain = randomProfile(capped, dim, 6, 5);
        assertThat(plain.bank().size()).isEqualTo(capped.maxBankSize());
        int outDim = io.ultraline.ultra.transform.ConsistencyTrainer.defaults().outDim();
        ReferenceProfile withW = plain.withTransform(
                new io.ultraline.ultra.transform.TokenTransform(dim, outDim, new float[outDim * dim]));

        // W of a 768-dimensional model is 98 kB, more than the whole overhead: without its room the record overflows
        byte[] encoded = ProfileCodec.encode(withW);
        assertThat(encoded.length)
                .isLessThanOrEqualTo(
                        limit - (ProfileConfig.RECORD_OVERHEAD_BYTES - ProfileConfig.TRANSFORM_ALLOWANCE_BYTES));
        // the default model's W fits the allowance: its bank is as large as without a transform
        assertThat(ProfileConfig.transformBytes(96)).isLessThan(ProfileConfig.TRANSFORM_ALLOWANCE_BYTES);
    }

    @Test
    void theBankLeavesRoomForTheMostConceptPrototypesOfALargeModelBesidesItsTransform() {
        int limit = 1_000_000;
        int dim = 768;
        ProfileConfig capped =
                ProfileConfig.defaults().withAppearance(AppearanceConfig.off()).withBankFitting(limit, dim);
        int outDim = io.ultraline.ultra.transform.ConsistencyTrainer.defaults().outDim();
        float[][] vectors = new float[io.ultraline.ultra.align.ConceptPrototypes.MAX_COUNT][dim];
        ReferenceProfile full = randomProfile(capped, dim, 6, 5)
                .withTransform(new io.ultraline.ultra.transform.TokenTransform(dim, outDim, new float[outDim * dim]))
                .withConceptPrototypes(new io.ultraline.ultra.align.ConceptPrototypes(new float[dim], vectors, 0.9));

        // 16 prototypes of dimension 768 are 52 kB: past their allowance, they take the excess from the bank
        assertThat(ProfileCodec.encode(full).length)
                .isLessThanOrEqualTo(limit
                        - (ProfileConfig.RECORD_OVERHEAD_BYTES
                                - ProfileConfig.TRANSFORM_ALLOWANCE_BYTES
                                - ProfileConfig.PROTOTYPE_ALLOWANCE_BYTES));
        // the default model's fit their allowance
        assertThat(ProfileConfig.prototypeBytes(96)).isLessThan(ProfileConfig.PROTOTYPE_ALLOWANCE_BYTES);
    }

    /** A profile of {@code frames} frames of 64 Gaussian tokens. */
    private static ReferenceProfile randomProfile(ProfileConfig config, int dim, int frames, long seed) {
        ProfileBuilder b = new ProfileBuilder(config, dim);
        SplittableRandom r = new SplittableRandom(seed);
        for (int f = 0; f < frames; f++) {
            float[] tokens = new float[64 * dim];
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = (float) r.nextGaussian();
            }
            b.add(tokens);
        }
        return b.build(1, Instant.EPOCH);
    }

    @Test
    void aLimitBelowTheOverheadIsRefusedNamingTheSetting() {
        assertThat(ProfileConfig.defaults().withBankFitting(100_000_000, 96).maxBankSize())
                .isEqualTo(4096);
        assertThatThrownBy(() -> ProfileConfig.defaults().withBankFitting(60_000, 96))
                .hasMessageContaining("outputs.max-record-bytes");
    }
}
