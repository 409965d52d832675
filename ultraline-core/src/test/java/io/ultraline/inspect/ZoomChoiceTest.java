package io.ultraline.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZoomChoiceTest {

    private static Map<Integer, Double> checks(Double plain, Double two, Double three) {
        Map<Integer, Double> m = new LinkedHashMap<>();
        m.put(1, plain);
        m.put(2, two);
        m.put(3, three);
        return m;
    }

    @Test
    void theBestScaleWinsOnlyWhenItBeatsNoZoomByTheMargin() {
        assertThat(ZoomChoice.pick(checks(0.90, 0.93, 0.95))).isEqualTo(3);
        assertThat(ZoomChoice.pick(checks(0.90, 0.93, 0.91))).isEqualTo(2);
        assertThat(ZoomChoice.pick(checks(0.90, 0.905, 0.909)))
                .as("a draw keeps no zoom")
                .isEqualTo(1);
        assertThat(ZoomChoice.pick(checks(0.95, 0.93, 0.94))).isEqualTo(1);
        assertThat(ZoomChoice.pick(checks(0.90, null, 0.95)))
                .as("a scale without a check is skipped")
                .isEqualTo(3);
        Map<Integer, Double> noPlain = new HashMap<>();
        noPlain.put(1, null);
        noPlain.put(2, 0.99);
        assertThat(ZoomChoice.pick(noPlain))
                .as("nothing to compare with: no zoom")
                .isEqualTo(1);
    }

    @Test
    void zoomValuesParseAndOthersAreRefusedWithTheirReason() {
        assertThat(ZoomChoice.parse("auto")).isNull();
        assertThat(ZoomChoice.parse("none")).isEqualTo(1);
        assertThat(ZoomChoice.parse(" 3x ")).isEqualTo(3);
        assertThat(ZoomChoice.parse("2")).isEqualTo(2);
        assertThatThrownBy(() -> ZoomChoice.parse("5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from 2 to 4, got '5'");
        assertThatThrownBy(() -> ZoomChoice.parse("big")).hasMessageContaining("got 'big'");
    }

    @Test
    void figuresNameTheScaleAndEveryCheck() {
        ZoomChoice c = new ZoomChoice(2, checks(0.9, 0.95, 0.92), checks(0.8, 0.85, 0.83), checks(0.4, 0.45, 0.5));
        assertThat(c.figures())
                .containsEntry("zoom", 2)
                .containsEntry("zoom_check_image_auroc_x1", 0.9)
                .containsEntry("zoom_check_image_auroc_x3", 0.92)
                .containsEntry("zoom_check_pixel_auroc_x2", 0.85)
                .containsEntry("zoom_check_region_iou_x3", 0.5);
        assertThat(ZoomChoice.fixed(3).figures()).containsOnlyKeys("zoom");
    }
}
