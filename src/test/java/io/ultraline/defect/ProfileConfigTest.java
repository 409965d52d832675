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
        ProfileConfig capped = ProfileConfig.defaults().withBankFitting(limit, dim);
        assertThat(capped.maxBankSize()).isEqualTo((limit - ProfileConfig.RECORD_OVERHEAD_BYTES) / (4 * dim));
        assertThat(capped.quantile()).isEqualTo(ProfileConfig.defaults().quantile());
        // 60 frames of 64 tokens (3840) would make a 369 kB bank uncapped
        ProfileBuilder b = new ProfileBuilder(capped, dim);
        SplittableRandom r = new SplittableRandom(3);
        for (int f = 0; f < 60; f++) {
            float[] tokens = new float[64 * dim];
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = (float) r.nextGaussian();
            }
            b.add(tokens);
        }
        byte[] encoded = ProfileCodec.encode(b.build(1, Instant.EPOCH));
        assertThat(encoded.length).isLessThanOrEqualTo(limit - ProfileConfig.RECORD_OVERHEAD_BYTES + 1024);
    }

    @Test
    void aLimitBelowTheOverheadIsRefusedNamingTheSetting() {
        assertThat(ProfileConfig.defaults().withBankFitting(100_000_000, 96).maxBankSize()).isEqualTo(4096);
        assertThatThrownBy(() -> ProfileConfig.defaults().withBankFitting(60_000, 96))
                .hasMessageContaining("outputs.max-record-bytes");
    }
}
