package io.ultraline.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.ultraline.avro.AlertKind;
import io.ultraline.avro.AlertScope;
import io.ultraline.stream.AlertRule;
import io.ultraline.stream.BatchConfig;
import io.ultraline.stream.CalibrationDefaults;
import io.ultraline.stream.ExplainConfig;
import io.ultraline.stream.ExplanationsMode;
import io.ultraline.stream.FieldLimits;
import io.ultraline.stream.FrameRecordLimits;
import io.ultraline.stream.OutputLimits;
import io.ultraline.stream.PipelineConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every pipeline setting has an environment variable in application.yml, and with none of them
 * set the service runs with the code's defaults (a placeholder default that drifted from the
 * code would change behaviour unnoticed).
 */
class PipelineEnvironmentTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("(?m)^ {4}([a-z][a-z0-9.-]*): \\$\\{([A-Z0-9_]+):");

    @Test
    void everyPipelineKeyIsAnEnvironmentPlaceholder() throws IOException {
        String yml = Files.readString(Path.of("ultraline-service/src/main/resources/application.yml"));
        Map<String, String> variables = new TreeMap<>();
        for (Matcher m = PLACEHOLDER.matcher(yml); m.find(); ) {
            variables.put(m.group(1), m.group(2));
        }
        for (String key : new String[] {
            BatchConfig.KEY_SIZE,
            BatchConfig.KEY_MAX_WAIT,
            BatchConfig.KEY_CHECK_INTERVAL,
            FrameRecordLimits.KEY_MAX_BYTES,
            FrameRecordLimits.KEY_MAX_PIXELS,
            FrameRecordLimits.KEY_ALLOWED_ENCODINGS,
            FieldLimits.KEY_MAX_ID_LENGTH,
            FieldLimits.KEY_MAX_ATTRIBUTES,
            FieldLimits.KEY_MAX_ATTRIBUTE_KEY_LENGTH,
            FieldLimits.KEY_MAX_ATTRIBUTE_VALUE_LENGTH,
            ExplanationsMode.KEY,
            ExplainConfig.KEY_SAMPLE_EVERY,
            ExplainConfig.KEY_TARGETS,
            ExplainConfig.KEY_STRATEGY,
            ExplainConfig.KEY_NEAR_THRESHOLD,
            OutputLimits.KEY_MAX_RECORD_BYTES,
            OutputLimits.KEY_MAX_DEAD_LETTER_BYTES,
            CalibrationDefaults.KEY_DEFAULT_FRAMES,
            CalibrationDefaults.KEY_MAX_FRAMES,
            CalibrationDefaults.KEY_MAX_INLINE_BUILD,
            CalibrationDefaults.KEY_RAW_PIXELS,
            CalibrationDefaults.KEY_CONCEPT_TRANSFORM,
            "alerts.rules.defect-burst.window-frames",
            "alerts.rules.defect-burst.window",
            "alerts.rules.defect-burst.open",
            "alerts.rules.defect-burst.clear",
            "alerts.rules.recalibration.level",
            "alerts.rules.recalibration.window-frames",
            "alerts.rules.recalibration.open",
            "alerts.rules.recalibration.clear"
        }) {
            assertThat(variables)
                    .as(key + " in application.yml's ultraline.pipeline with a ${VARIABLE:default}")
                    .containsKey(key);
        }
    }

    @Test
    void unsetVariablesGiveTheCodeDefaults() {
        Environment env = ApplicationContext.builder()
                .deduceEnvironment(false)
                .build()
                .getEnvironment()
                .start();
        try {
            PipelineConfig config = PipelineConfig.parse(ServiceSettings.pipelineKeys(env));
            PipelineConfig d = PipelineConfig.defaults();
            assertThat(config.batch()).isEqualTo(d.batch());
            assertThat(config.limits()).isEqualTo(d.limits());
            assertThat(config.calibration()).isEqualTo(d.calibration());
            assertThat(config.outputs()).isEqualTo(d.outputs());
            assertThat(config.explain()).isEqualTo(d.explain());
            assertThat(config.alertRules())
                    .containsExactlyInAnyOrder(
                            new AlertRule("defect-burst", AlertScope.CAMERA, 20, Duration.ZERO, 5, 2),
                            new AlertRule(
                                    "recalibration",
                                    AlertScope.CAMERA,
                                    200,
                                    Duration.ZERO,
                                    100,
                                    40,
                                    AlertKind.RECALIBRATION_SUGGESTED,
                                    AlertRule.DEFAULT_DRIFT_LEVEL));
        } finally {
            env.stop();
        }
    }
}
