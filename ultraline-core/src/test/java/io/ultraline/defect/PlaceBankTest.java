package io.ultraline.defect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlaceBankTest {

    private static final int PLACES = 12;
    private static final int D = 8;
    private final PlaceFrames design = new PlaceFrames(PLACES, D, 7);

    @Test
    void aTokenIsComparedOnlyWithTheTokensOfItsOwnPlace() {
        List<float[]> good = design.fixed(10, 1);
        PlaceBank bank = PlaceBank.fit(good, D, 4, 42);
        float[] moved = design.misplaced(3, 8, 99);

        float[] byPlace = bank.nearestDistances(moved);
        float[] anywhere = bank.memoryBank().nearestDistances(moved);
        // the look of place 8 is normal somewhere, so only the place says it is wrong at place 3
        assertThat(anywhere[3]).isLessThan(1f);
        assertThat(byPlace[3]).isGreaterThan(3f);
        for (int p = 0; p < PLACES; p++) {
            if (p != 3) {
                assertThat(byPlace[p]).isLessThan(1f);
            }
        }
    }

    @Test
    void aRunOfPlacesScoresAsTheSamePlacesOfTheWholeFrame() {
        PlaceBank bank = PlaceBank.fit(design.fixed(10, 1), D, 4, 42);
        float[] moved = design.misplaced(7, 2, 99);
        float[] whole = bank.nearestDistances(moved);

        // the plain view alone, then the rest, as the detector scores views apart
        float[] first = bank.nearestDistances(java.util.Arrays.copyOf(moved, 4 * D), 0);
        float[] rest = bank.nearestDistances(java.util.Arrays.copyOfRange(moved, 4 * D, PLACES * D), 4);

        assertThat(first).containsExactly(java.util.Arrays.copyOf(whole, 4));
        assertThat(rest).containsExactly(java.util.Arrays.copyOfRange(whole, 4, PLACES));
        assertThat(rest[3]).isGreaterThan(3f);
        assertThatThrownBy(() -> bank.nearestDistances(new float[4 * D], PLACES - 3))
                .hasMessageContaining("places");
    }

    @Test
    void keepsAtMostPerPlaceTokensRoundedToHalfAStep() {
        List<float[]> good = design.fixed(6, 2);
        PlaceBank all = PlaceBank.fit(good, D, 20, 42);
        assertThat(all.perPlace()).isEqualTo(6);
        assertThat(all.codes()).hasSize(PLACES * 6 * D);
        assertThat(all.encodedBytes()).isEqualTo(PLACES * 6 * D + 8L * D);
        // every calibration token is in the bank, off by at most half a step a component
        double halfStep = 0;
        for (float s : all.step()) {
            halfStep += (s / 2.0) * (s / 2.0);
        }
        for (float[] frame : good) {
            for (float d : all.nearestDistances(frame)) {
                assertThat((double) d).isLessThanOrEqualTo(Math.sqrt(halfStep) + 1e-5);
            }
        }
        assertThat(PlaceBank.fit(good, D, 2, 42).perPlace()).isEqualTo(2);
    }

    @Test
    void aNormalFrameJoinsEveryPlaceAndTheSizeStays() {
        List<float[]> good = design.fixed(8, 3);
        PlaceBank bank = PlaceBank.fit(good, D, 3, 42);
        float[] moved = design.misplaced(5, 1, 11);

        PlaceBank taught = bank.withFrame(moved, 20);
        assertThat(taught.perPlace()).isEqualTo(3);
        assertThat(taught.nearestDistances(moved)[5]).isLessThan(0.2f);
        assertThat(bank.nearestDistances(moved)[5]).isGreaterThan(3f);
        assertThat(bank.withFrame(moved, 20)).isEqualTo(taught);
    }

    @Test
    void storedPartsRebuildTheSameBank() {
        PlaceBank bank = PlaceBank.fit(design.fixed(5, 4), D, 3, 42);
        PlaceBank copy = PlaceBank.of(bank.places(), bank.perPlace(), D, bank.low(), bank.step(), bank.codes());
        assertThat(copy).isEqualTo(bank);
        assertThat(copy.memoryBank()).isEqualTo(bank.memoryBank());
    }

    @Test
    void refusesFramesOfAnotherLayout() {
        PlaceBank bank = PlaceBank.fit(design.fixed(4, 5), D, 2, 42);
        assertThatThrownBy(() -> bank.nearestDistances(new float[(PLACES - 1) * D]))
                .hasMessageContaining(PLACES + " tokens");
        assertThatThrownBy(() -> PlaceBank.fit(List.of(new float[PLACES * D], new float[2 * D]), D, 2, 42))
                .hasMessageContaining("as many tokens");
        assertThatThrownBy(() -> PlaceBank.of(2, 1, D, new float[D], new float[D], new byte[D]))
                .hasMessageContaining("codes");
    }
}
