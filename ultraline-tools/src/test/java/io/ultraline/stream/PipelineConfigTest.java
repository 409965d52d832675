package io.ultraline.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultraline.avro.AlertKind;
import io.ultraline.avro.AlertScope;
import io.ultraline.avro.ImageEncoding;
import io.ultraline.cli.Main;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration records: parsing from flat keys and validation with messages that name the key. */
class PipelineConfigTest {

    @Test
    void theRawPixelChannelIsOnByDefaultAndSwitchedByItsKey() {
        assertThat(PipelineConfig.parse(Map.of()).calibration().rawPixels()).isTrue();
        assertThat(PipelineConfig.parse(Map.of("calibration.raw-pixels", " FALSE"))
                        .calibration()
                        .rawPixels())
                .isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> PipelineConfig.parse(Map.of("calibration.raw-pixels", "no")))
                .hasMessageContaining("calibration.raw-pixels must be true or false");
    }

    @Test
    void theZoomChannelIsOffByDefaultAndSetByItsKey() {
        assertThat(PipelineConfig.parse(Map.of()).calibration().zoom()).isEqualTo(1);
        assertThat(PipelineConfig.parse(Map.of("calibration.zoom", "none"))
                        .calibration()
                        .zoom())
                .isEqualTo(1);
        assertThat(PipelineConfig.parse(Map.of("calibration.zoom", " 3x"))
                        .calibration()
                        .zoom())
                .isEqualTo(3);
        assertThat(PipelineConfig.parse(Map.of("calibration.zoom", "auto"))
                        .calibration()
                        .zoom())
                .isEqualTo(CalibrationDefaults.AUTO_ZOOM);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PipelineConfig.parse(Map.of("calibration.zoom", "5")))
                .hasMessageContaining("calibration.zoom: a zoom is none, auto or a scale from 2 to 4, got '5'");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> CalibrationDefaults.defaults().withZoom(-1))
                .hasMessageContaining("calibration.zoom must be none, auto or 2 to 4, got -1");
    }

    @Test
    void parsesEveryKey() {
        PipelineConfig c = PipelineConfig.parse(Map.ofEntries(
                Map.entry("inference.batch.size", "16"),
                Map.entry("inference.batch.max-wait", "PT0.5S"),
                Map.entry("inference.batch.check-interval", "50"),
                Map.entry("frames.max-bytes", "1000000"),
                Map.entry("frames.max-pixels", "2000000"),
                Map.entry("frames.allowed-encodings", "png, jpeg"),
                Map.entry("explanations.mode", "defective"),
                Map.entry("calibration.default-frames", "20"),
                Map.entry("calibration.max-frames", "40"),
                Map.entry("alerts.rules.cam-rate.scope", "camera"),
                Map.entry("alerts.rules.cam-rate.window-frames", "10"),
                Map.entry("alerts.rules.cam-rate.window", "PT30S"),
                Map.entry("alerts.rules.cam-rate.open", "4"),
                Map.entry("alerts.rules.cam-rate.clear", "1"),
                Map.entry("alerts.rules.line-rate.scope", "LINE"),
                Map.entry("alerts.rules.drift.scope", "camera"),
                Map.entry("alerts.rules.drift.kind", "recalibration-suggested"),
                Map.entry("alerts.rules.drift.level", "0.8"),
                Map.entry("alerts.rules.drift.window-frames", "100"),
                Map.entry("pipeline.version", "9.9.9")));
        assertThat(c.batch()).isEqualTo(new BatchConfig(16, Duration.ofMillis(500), Duration.ofMillis(50)));
        assertThat(c.limits())
                .isEqualTo(
                        new FrameRecordLimits(1_000_000, 2_000_000, EnumSet.of(ImageEncoding.PNG, ImageEncoding.JPEG)));
        assertThat(c.explanations()).isEqualTo(ExplanationsMode.FLAGGED);
        assertThat(c.calibration()).isEqualTo(new CalibrationDefaults(20, 40));
        assertThat(c.alertRules())
                .containsExactlyInAnyOrder(
                        new AlertRule("cam-rate", AlertScope.CAMERA, 10, Duration.ofSeconds(30), 4, 1),
                        new AlertRule("line-rate", AlertScope.LINE, 20, Duration.ZERO, 5, 2),
                        new AlertRule(
                                "drift",
                                AlertScope.CAMERA,
                                100,
                                Duration.ZERO,
                                25,
                                12,
                                AlertKind.RECALIBRATION_SUGGESTED,
                                0.8));
        assertThat(c.rules(AlertScope.LINE)).extracting(AlertRule::ruleId).containsExactly("line-rate");
        assertThat(c.pipelineVersion()).isEqualTo("9.9.9");
    }

    @Test
    void readsTheTwoStageSettings() {
        PipelineConfig c = PipelineConfig.parse(Map.of(
                "explanations.mode",
                " Sampled ",
                "explanations.sample-every",
                "25",
                "explanations.targets",
                "8",
                "explanations.strategy",
                "REPRESENTATIVES",
                "explanations.near-threshold",
                "0.2"));
        assertThat(c.explain()).isEqualTo(new ExplainConfig(ExplanationsMode.SAMPLED, 25, 8, "representatives", 0.2));
        assertThat(c.explanations().twoStage()).isTrue();
    }

    @Test
    void theLegacyModeKeyCountsOnlyWithoutTheNewOne() {
        assertThat(PipelineConfig.parse(Map.of("explanations.mode-legacy", "defective"))
                        .explanations())
                .isEqualTo(ExplanationsMode.FLAGGED);
        assertThat(PipelineConfig.parse(Map.of("explanations.mode-legacy", "none", "explanations.mode", "sampled"))
                        .explanations())
                .isEqualTo(ExplanationsMode.SAMPLED);
    }

    @Test
    void explanationModesKeepTheirOldNames() {
        assertThat(ExplanationsMode.parse("all")).isEqualTo(ExplanationsMode.ALL);
        assertThat(ExplanationsMode.parse("defective")).isEqualTo(ExplanationsMode.FLAGGED);
        assertThat(ExplanationsMode.parse("FLAGGED")).isEqualTo(ExplanationsMode.FLAGGED);
        assertThat(ExplanationsMode.parse("none")).isEqualTo(ExplanationsMode.NONE);
        assertThat(ExplanationsMode.ALL.twoStage()).isFalse();
        assertThat(PipelineConfig.defaults().explain())
                .isEqualTo(new ExplainConfig(ExplanationsMode.ALL, 20, 16, "anomalous", 0.1));
    }

    @Test
    void badTwoStageSettingsNameTheirKey() {
        assertThatThrownBy(() -> PipelineConfig.parse(Map.of("explanations.sample-every", "0")))
                .hasMessageContaining("explanations.sample-every must be at least 1");
        assertThatThrownBy(() -> PipelineConfig.parse(Map.of("explanations.targets", "-3")))
                .hasMessageContaining("explanations.targets must be at least 1");
        assertThatThrownBy(() -> PipelineConfig.parse(Map.of("explanations.strategy", "random")))
                .hasMessageContaining("explanations.strategy must be anomalous, representatives or all");
        assertThatThrownBy(() -> PipelineConfig.parse(Map.of("explanations.near-threshold", "1")))
                .hasMessageContaining("explanations.near-threshold must be in [0, 1)");
        assertThatThrownBy(() -> PipelineConfig.parse(Map.of("explanations.near-threshold", "ten")))
                .hasMessageContaining("explanations.near-threshold must be a number");
        assertThatThrownBy(() -> PipelineConfig.parse(Map.of("explanations.mode", "some")))
                .hasMessageContaining("all, sampled, flagged (alias defective) or none");
    }

    @Test
    void absentKeysKeepTheDefaults() {
        assertThat(PipelineConfig.parse(Map.of())).isEqualTo(PipelineConfig.defaults());
    }

    @Test
    void malformedValuesNameTheirKey() {
        assertThatThrownBy(() -> PipelineConfig.parse(Map.of("inference.batch.size", "0")))
                .hasMessageContaining("inference.batch.size");
        assertThatThrownBy(() -> PipelineConfig.parse(Map.of("inference.batch.max-wait", "soon")))
                .hasMessageContaining("inference.batch.max-wait");
        assertThatThrownBy(() -> PipelineConfig.parse(Map.of("frames.allowed-encodings", "png,bmp")))
                .hasMessageContaining("bmp");
        assertThatThrownBy(() -> PipelineConfig.parse(Map.of("frames.allowed-encodings", "unknown")))
                .hasMessageContaining("frames.allowed-encodings");
        assertThatThrownBy(() -> PipelineConfig.parse(Map.of("explanations.mode", "some")))
                .hasMessageContaining("explanations.mode");
        assertThatThrownBy(() -> PipelineConfig.parse(Map.of("calibration.default-frames", "1")))
                .hasMessageContaining("calibration.default-frames");
        assertThatThrownBy(() ->
                        PipelineConfig.parse(Map.of("alerts.rules.x.scope", "camera", "alerts.rules.x.kind", "drift")))
                .hasMessageContaining("alerts.rules.x.kind");
        assertThatThrownBy(() ->
                        PipelineConfig.parse(Map.of("alerts.rules.x.scope", "camera", "alerts.rules.x.level", "high")))
                .hasMessageContaining("alerts.rules.x.level");
        assertThatThrownBy(() -> PipelineConfig.parse(Map.of("alerts.rules.x.open", "2")))
                .hasMessageContaining("alerts.rules.x.scope");
        assertThatThrownBy(() ->
                        PipelineConfig.parse(Map.of("alerts.rules.x.scope", "camera", "alerts.rules.x.opne", "2")))
                .hasMessageContaining("alerts.rules.x.opne");
        assertThatThrownBy(() -> new BatchConfig(4, Duration.ofMillis(100), Duration.ofMillis(200)))
                .hasMessageContaining("inference.batch.check-interval");
        assertThatThrownBy(() -> PipelineConfig.defaults()
                        .withAlertRules(List.of(
                                new AlertRule("a", AlertScope.CAMERA, 4, Duration.ZERO, 2, 0),
                                new AlertRule("a", AlertScope.LINE, 4, Duration.ZERO, 2, 0))))
                .hasMessageContaining("twice");
    }

    @Test
    void topicsRefuseIllegalNames() {
        assertThatThrownBy(() -> new Topic<>(
                        "line frames",
                        org.apache.kafka.common.serialization.Serdes.String(),
                        org.apache.kafka.common.serialization.Serdes.String()))
                .hasMessageContaining("legal topic name");
    }

    @Test
    void thePipelineVersionIsTheCommandLineVersion() {
        assertThat(PipelineVersion.CURRENT).isEqualTo(Main.VERSION);
    }
}
