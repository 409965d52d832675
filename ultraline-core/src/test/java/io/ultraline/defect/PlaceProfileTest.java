package io.ultraline.defect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A profile that scores by place: calibration's switch, scoring, the wire format, revisions, record size. */
class PlaceProfileTest {

    private static final int G = 4;
    private static final int D = 8;
    private static final Instant CREATED = Instant.parse("2025-03-01T10:15:30Z");
    private final PlaceFrames design = new PlaceFrames(G * G, D, 5);

    private static ReferenceProfile calibrate(ProfileConfig config, List<float[]> frames) {
        ProfileBuilder builder = new ProfileBuilder(config, D);
        frames.forEach(builder::add);
        return builder.build(3L, CREATED);
    }

    private static float score(ReferenceProfile p, float[] frame) {
        return DefectDetector.withDefaults()
                .score(p, frame, D, G, G, G * 8, G * 8, null)
                .frameScore();
    }

    @Test
    void aFixedDesignIsScoredByPlaceAndAMisplacedPartIsFlagged() {
        List<float[]> good = design.fixed(20, 1);
        ReferenceProfile byPlace = calibrate(new ProfileConfig(64, 0.99f, 1.1f, 5, 42), good);
        ReferenceProfile anywhere = calibrate(new ProfileConfig(64, 0.99f, 1.1f, 5, 42).withPlaceBanks(false), good);

        assertThat(byPlace.scoresByPlace()).isTrue();
        assertThat(byPlace.placeSwitch().on()).isTrue();
        // 64 float32 tokens' bytes hold 16 places x 16 tokens at 8 bits (less the offsets and steps)
        assertThat(byPlace.places().perPlace()).isEqualTo(15);
        assertThat(anywhere.scoresByPlace()).isFalse();
        assertThat(anywhere.placeSwitch()).isNull();

        float[] moved = design.misplaced(6, 9, 77);
        assertThat(score(byPlace, moved)).isGreaterThan(byPlace.threshold());
        assertThat(score(anywhere, moved)).isLessThan(anywhere.threshold());
        float[] fine = design.fixed(1, 78).get(0);
        assertThat(score(byPlace, fine)).isLessThan(byPlace.threshold());
    }

    @Test
    void aRandomSurfaceKeepsTheBankFromAnywhereAsBefore() {
        List<float[]> good = design.random(20, 2);
        ReferenceProfile p = calibrate(new ProfileConfig(64, 0.99f, 1.1f, 5, 42), good);
        ReferenceProfile off = calibrate(new ProfileConfig(64, 0.99f, 1.1f, 5, 42).withPlaceBanks(false), good);

        assertThat(PlaceSwitch.measure(good, D).on()).isFalse();
        assertThat(p.scoresByPlace()).isFalse();
        assertThat(p.placeSwitch()).isNull();
        // where the switch is off, the profile is the one calibration without the switch gives, to the byte
        assertThat(ProfileCodec.encode(p)).isEqualTo(ProfileCodec.encode(off));
    }

    @Test
    void theDecisionAndThePlaceBankSurviveTheWireAtAQuarterOfTheBytes() {
        ReferenceProfile p = calibrate(new ProfileConfig(64, 0.99f, 1.1f, 5, 42), design.fixed(20, 3));
        byte[] encoded = ProfileCodec.encode(p);
        ReferenceProfile back = ProfileCodec.decode(encoded);

        assertThat(back).isEqualTo(p);
        assertThat(back.places()).isEqualTo(p.places());
        assertThat(back.placeSwitch()).isEqualTo(p.placeSwitch());
        float[] moved = design.misplaced(2, 12, 5);
        assertThat(score(back, moved)).isEqualTo(score(p, moved));
        // 240 tokens at 8 bits, where the float32 bank of the same tokens would take 7.7 kB
        assertThat(encoded.length).isLessThan(4 * 64 * D + 1024);
    }

    @Test
    void aNormalFrameRevisionLearnsTheFrameByPlace() {
        ReferenceProfile p = calibrate(new ProfileConfig(64, 0.99f, 1.1f, 5, 42), design.fixed(20, 4));
        float[] moved = design.misplaced(6, 9, 21);

        ReferenceProfile taught = ProfileRevisions.withNormalFrame(p, moved, null, 4L, CREATED);
        assertThat(taught.scoresByPlace()).isTrue();
        assertThat(taught.places().perPlace()).isEqualTo(p.places().perPlace());
        assertThat(taught.placeSwitch()).isEqualTo(p.placeSwitch());
        assertThat(score(taught, moved)).isLessThan(p.threshold());
        assertThat(ProfileRevisions.withNormalFrame(p, moved, null, 4L, CREATED))
                .isEqualTo(taught);
        assertThat(ProfileCodec.decode(ProfileCodec.encode(taught))).isEqualTo(taught);
    }

    @Test
    void aProfileOfTheDefaultSizeFitsTheRecordLimit() {
        int limit = 1_000_000;
        int dim = 96;
        ProfileConfig capped = ProfileConfig.defaults().withBankFitting(limit, dim);
        ProfileBuilder builder = new ProfileBuilder(capped, dim);
        // the default model: 4 shifted views of 8 x 8 tokens, 40 calibration frames
        new PlaceFrames(256, dim, 6).fixed(40, 7).forEach(builder::add);
        ReferenceProfile p = builder.build(1L, CREATED);

        assertThat(p.scoresByPlace()).isTrue();
        assertThat(p.places().perPlace()).isEqualTo(18);
        long pixels = capped.appearance().encodedBytes(ProfileConfig.FITTING_FRAMES);
        assertThat(ProfileCodec.encode(p).length + pixels).isLessThan(limit);
    }

    @Test
    void aProfileRefusesAPlaceBankTheSwitchDidNotChoose() {
        ReferenceProfile p = calibrate(new ProfileConfig(64, 0.99f, 1.1f, 5, 42), design.fixed(20, 8));
        assertThatThrownBy(() -> new ReferenceProfile(
                        p.version(),
                        p.created(),
                        p.frameCount(),
                        D,
                        p.threshold(),
                        p.thresholdQuantile(),
                        p.thresholdMargin(),
                        p.calibrationScores(),
                        p.bank(),
                        null,
                        null,
                        new PlaceSwitch(0.2f, PlaceSwitch.LIMIT),
                        p.places(),
                        null))
                .hasMessageContaining("place switch that is on");
    }
}
