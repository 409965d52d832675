package io.ultraline.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reasons a true region misses, on 1 x 12 masks. */
class RegionMissesTest {

    private static boolean[] mask(int from, int to) {
        boolean[] m = new boolean[12];
        for (int i = from; i < to; i++) {
            m[i] = true;
        }
        return m;
    }

    @Test
    void tellsMissedFramesRegionsElsewhereAndMasksTooBigApart() {
        RegionMisses misses = new RegionMisses();
        // a frame without regions; then a region elsewhere; then one region over two true ones
        misses.add(List.of(), List.of(mask(0, 2)), List.of("scratch"));
        misses.add(List.of(mask(8, 10)), List.of(mask(0, 2)), List.of("scratch"));
        misses.add(List.of(mask(0, 8)), List.of(mask(0, 2), mask(6, 8)), List.of("misprint", "misprint"));
        // two regions that each cover half of a hole
        misses.add(List.of(mask(0, 2), mask(2, 4)), List.of(mask(0, 4)), List.of("hole"));

        Map<String, Map<String, Object>> out = misses.byType();

        assertThat(out.get("scratch"))
                .containsEntry("true_regions", 2)
                .containsEntry("frame_missed", 1)
                .containsEntry("elsewhere", 1);
        assertThat(out.get("misprint"))
                .containsEntry("truth_covered", 1.0)
                .containsEntry("pixel_precision", 0.25)
                .containsEntry("area_ratio", 4.0)
                .containsEntry("merged", 2)
                .containsEntry("split", 0);
        assertThat(out.get("hole"))
                .containsEntry("truth_covered", 0.5)
                .containsEntry("area_ratio", 0.5)
                .containsEntry("split", 1)
                .containsEntry("merged", 0);
    }
}
