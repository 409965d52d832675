package io.ultraline.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FileNamePatternTest {

    @Test
    void namedGroupsBecomeAttributesInTheirOrder() {
        FileNamePattern p = FileNamePattern.compile("(?<serial>[^_]+)_(?<shift>\\w+)");

        FileNamePattern.Match m = p.match("A1234_night.jpg").orElseThrow();

        assertThat(m.attributes()).containsExactly(Map.entry("serial", "A1234"), Map.entry("shift", "night"));
        assertThat(m.camera()).isNull();
        assertThat(m.product()).isNull();
    }

    @Test
    void cameraAndProductGroupsSetTheFrameNotAttributes() {
        FileNamePattern p = FileNamePattern.compile("^(?<camera>cam-\\d+)_(?<product>[A-Z]+)_(?<serial>\\d+)$");

        FileNamePattern.Match m = p.match("cam-2_BRKT_0042.png").orElseThrow();

        assertThat(m.camera()).isEqualTo("cam-2");
        assertThat(m.product()).isEqualTo("BRKT");
        assertThat(m.attributes()).containsExactly(Map.entry("serial", "0042"));
    }

    @Test
    void theExtensionIsNotPartOfTheName() {
        FileNamePattern p = FileNamePattern.compile("_(?<shift>[a-z]+)$");

        assertThat(p.match("x_day.jpeg").orElseThrow().attributes()).containsEntry("shift", "day");
        assertThat(p.match("no-shift.jpg")).isEmpty();
    }

    @Test
    void anOptionalGroupThatDidNotMatchIsLeftOut() {
        FileNamePattern p = FileNamePattern.compile("(?<serial>\\d+)(?:-(?<retake>r\\d))?");

        assertThat(p.match("0042.jpg").orElseThrow().attributes()).containsOnlyKeys("serial");
        assertThat(p.match("0042-r2.jpg").orElseThrow().attributes()).containsEntry("retake", "r2");
    }

    @Test
    void badPatternsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> FileNamePattern.compile("(?<serial>[^_+"))
                .hasMessageContaining("is not a regular expression");
        assertThatThrownBy(() -> FileNamePattern.compile("([^_]+)_(\\w+)")).hasMessageContaining("names no group");
        assertThatThrownBy(() -> FileNamePattern.compile("\\(?<x>y)")).isInstanceOf(IllegalArgumentException.class);
    }
}
