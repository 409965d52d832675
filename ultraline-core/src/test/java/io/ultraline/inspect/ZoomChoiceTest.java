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
    void aScaleThatDrawsOnDetectionWinsOnClearlyBetterRegions() {
        // the four-round checks of the issue-17 datasets: image AUROCs, then region IoUs
        assertThat(ZoomChoice.pick(checks(0.971, 0.959, 0.960), checks(0.436, 0.508, 0.535)))
                .as("walnut: 3x draws on image and outlines better")
                .isEqualTo(3);
        assertThat(ZoomChoice.pick(checks(0.974, 0.974, 0.972), checks(0.678, 0.732, 0.729)))
                .as("slate: the better regions of two draws")
                .isEqualTo(2);
        assertThat(ZoomChoice.pick(checks(0.986, 0.982, 0.981), checks(0.695, 0.725, 0.727)))
                .as("brushed metal: a gain of 0.03 is not enough")
                .isEqualTo(1);
        assertThat(ZoomChoice.pick(checks(0.915, 0.898, 0.899), checks(0.40, 0.50, 0.55)))
                .as("better regions do not buy a detection loss past the draw")
                .isEqualTo(1);
        assertThat(ZoomChoice.pick(checks(0.958, 0.962, 0.981), checks(0.451, 0.60, 0.518)))
                .as("a win on image AUROC comes first")
                .isEqualTo(3);
        assertThat(ZoomChoice.pick(checks(0.97, 0.97, 0.97), checks(null, 0.6, 0.7)))
                .as("no plain region figure: the image rule alone")
                .isEqualTo(1);
        assertThat(ZoomChoice.pick(checks(0.97, null, 0.97), checks(0.5, 0.7, 0.56)))
                .as("a scale without an image check is skipped")
                .isEqualTo(3);
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
