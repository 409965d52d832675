package io.ultraline.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Detection figures per defect type, against good frames only. */
class DetectionByTypeTest {

    @Test
    void eachTypeIsRankedAgainstTheGoodFramesAlone() {
        DetectionByType card = new DetectionByType();
        card.frame(1f, false, false, Set.of());
        card.frame(2f, false, false, Set.of());
        // scratches stand out, stains hide among the good frames, one frame holds both
        card.frame(9f, true, true, Set.of("scratch"));
        card.frame(1.5f, true, false, Set.of("stain"));
        card.frame(8f, true, true, Set.of("scratch", "stain"));

        assertThat(card.imageAuroc()).containsOnlyKeys("scratch", "stain");
        assertThat(card.imageAuroc().get("scratch")).isCloseTo(1.0, within(1e-9));
        // stain frames 1.5 and 8 against good 1 and 2: 3 of 4 pairs ranked right
        assertThat(card.imageAuroc().get("stain")).isCloseTo(0.75, within(1e-9));
        assertThat(card.recall()).containsEntry("scratch", 1.0).containsEntry("stain", 0.5);
        assertThat(card.counts()).containsEntry("scratch", 2L).containsEntry("stain", 2L);
    }

    @Test
    void datasetsWithoutTypesAddNoFigures() {
        DetectionByType card = new DetectionByType();
        card.frame(1f, false, false, Set.of());
        card.frame(5f, true, true, Set.of());
        Map<String, Object> m = new HashMap<>();
        card.put(m);
        assertThat(m).isEmpty();
    }

    @Test
    void aFrameListsEveryTypePaintedOnIt(@TempDir Path dir) throws Exception {
        Files.writeString(
                dir.resolve("defects.csv"),
                "image,type,x,y,width,height,area\n"
                        + "images/0004.png,STAIN,1,1,2,2,4\nimages/0004.png,DENT,0,0,1,1,1\nimages/0005.png,HOLE,0,0,1,1,1\n");
        DefectTypes types = DefectTypes.read(dir);
        assertThat(types.typesIn("images/0004.png")).containsExactly("dent", "stain");
        assertThat(types.typesIn("images/0001.png")).isEmpty();
    }
}
