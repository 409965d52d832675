package io.ultraline.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Region figures by type and region precision/recall at IoU 0.5, on 1 x 8 masks. */
class RegionTallyTest {

    private static boolean[] mask(int from, int to) {
        boolean[] m = new boolean[8];
        for (int i = from; i < to; i++) {
            m[i] = true;
        }
        return m;
    }

    @Test
    void iouByTypeAndMatchesAtOneHalf() {
        RegionTally tally = new RegionTally();
        // truth 0-3 found at IoU 3/4; truth 6-7 missed; one extra prediction in 4-5
        tally.add(List.of(mask(0, 3), mask(4, 6)), List.of(mask(0, 4), mask(6, 8)), List.of("hole", "scratch"));
        // a good frame with one false region
        tally.add(List.of(mask(2, 3)), List.of(), List.of());

        assertThat(tally.iou()).isCloseTo((0.75 + 0) / 2, within(1e-9));
        assertThat(tally.iouByType()).containsEntry("hole", 0.75).containsEntry("scratch", 0.0);
        assertThat(tally.recall()).isCloseTo(0.5, within(1e-9));
        assertThat(tally.precision()).isCloseTo(1.0 / 3, within(1e-9));
    }

    @Test
    void aTrueRegionTakesTheTypeOfTheBoxHoldingMostOfIt(@TempDir Path dir) throws Exception {
        Files.writeString(
                dir.resolve("defects.csv"),
                "image,type,x,y,width,height,area\n"
                        + "images/0001.png,SCRATCH,0,0,2,1,2\nimages/0001.png,STAIN,2,0,6,1,6\n");
        DefectTypes types = DefectTypes.read(dir);

        assertThat(types.typeOf("images/0001.png", mask(1, 6), 8)).isEqualTo("stain");
        assertThat(types.typeOf("images/0001.png", mask(0, 2), 8)).isEqualTo("scratch");
        assertThat(types.typeOf("images/0002.png", mask(0, 2), 8)).isEqualTo(DefectTypes.UNKNOWN);
        assertThat(DefectTypes.read(dir.resolve("absent")).typeOf("images/0001.png", mask(0, 2), 8))
                .isEqualTo(DefectTypes.UNKNOWN);
    }
}
