package io.ultraline.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultraline.synth.MaterialFamily;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticPretextDataTest {

    private static final List<MaterialFamily> FAMILIES = List.of(MaterialFamily.GRANULAR, MaterialFamily.CIRCUIT_BOARD);

    @Test
    void thePasteModeDecidesTheBatchesAndForeignStaysTheDefault() {
        LabelledBatch byDefault = data(null).next(8);
        LabelledBatch foreign = data(PasteMode.FOREIGN).next(8);
        LabelledBatch mixed = data(PasteMode.MIXED).next(8);
        assertThat(foreign.images()).containsExactly(byDefault.images());
        assertThat(foreign.pasted()).containsExactly(byDefault.pasted());
        assertThat(Arrays.equals(mixed.images(), foreign.images())).isFalse();
    }

    @Test
    void mixedBatchesFlagPastedPatches() {
        LabelledBatch b = data(PasteMode.MIXED).next(32);
        int grid = 128 / 16;
        assertThat(b.pasted()).hasSize(32 * grid * grid);
        int flagged = Arrays.stream(b.pasted()).sum();
        // about 0.8 x 2 pastes per image, each over a few patches; never the whole batch
        assertThat(flagged).isBetween(20, 32 * grid * grid / 4);
    }

    private static SyntheticPretextData data(PasteMode mode) {
        return mode == null
                ? new SyntheticPretextData(FAMILIES, 1, List.of(), 0, 2, 160, 128, 16, 9, n -> {})
                : new SyntheticPretextData(FAMILIES, 1, List.of(), 0, 2, 160, 128, 16, 9, mode, n -> {});
    }
}
