package io.ultraline.stream;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ultraline.avro.CameraFrame;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The frame a stream thread works on is in the logging MDC while it does (and only then), and the
 * shipped logback.xml writes it as JSON when ULTRALINE_LOG_FORMAT=json.
 */
class FrameLogContextTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OriginalRecord SOURCE = new OriginalRecord("line.frames", 2, 41L, 0L, null, null, List.of());

    @Test
    void jsonFormatWritesTheFrameContextOfEachLine() throws Exception {
        List<String> lines = logWithShippedConfig("json");

        assertThat(lines).hasSize(2);
        JsonNode during = JSON.readTree(lines.get(0));
        assertThat(during.path("level").asText()).isEqualTo("WARN");
        assertThat(during.path("loggerName").asText()).isEqualTo(InferenceProcessor.class.getName());
        assertThat(during.path("formattedMessage").asText()).isEqualTo("model slow for frame 7");
        assertThat(during.path("mdc").path("camera").asText()).isEqualTo("cam-3");
        assertThat(during.path("mdc").path("frame").asText()).isEqualTo("f-7");
        assertThat(during.path("mdc").path("task").asText()).isEqualTo("0_2");
        assertThat(during.path("mdc").path("source").asText()).isEqualTo("line.frames-2@41");
        JsonNode after = JSON.readTree(lines.get(1));
        assertThat(after.path("mdc").path("camera").isMissingNode())
                .as("cleared after the frame")
                .isTrue();
        assertThat(after.path("mdc").path("frame").isMissingNode()).isTrue();
    }

    @Test
    void textIsTheDefaultFormat() throws Exception {
        List<String> lines = logWithShippedConfig(null);

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0))
                .matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  \\[.*\\] .* - model slow for frame 7")
                .doesNotStartWith("{");
    }

    @Test
    void theInferenceNodeLogsARejectedFrameWithItsContextAndClearsIt() {
        Logger logger = (Logger) LoggerFactory.getLogger(InferenceProcessor.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        logger.addAppender(events);
        try (PipelineHarness h =
                new PipelineHarness(PipelineConfig.defaults().withBatch(BatchConfig.of(1, Duration.ofSeconds(1))))) {
            CameraFrame wide = TestCameraFrames.frame("cam-5", "wide", TestCameraFrames.good(1));
            wide.setWidth(wide.getWidth() + 1);
            h.pipe(wide, new RecordHeaders());

            assertThat(events.list)
                    .filteredOn(e -> e.getFormattedMessage().startsWith("Dead-lettering"))
                    .singleElement()
                    .satisfies(e -> assertThat(e.getMDCPropertyMap())
                            .containsEntry("camera", "cam-5")
                            .containsEntry("frame", "wide")
                            .containsEntry("task", "0_0")
                            .containsEntry("source", "line.frames-0@0"));
            assertThat(MDC.get("camera"))
                    .as("the stream thread moves on without it")
                    .isNull();
            assertThat(MDC.get("source")).isNull();
        } finally {
            logger.detachAppender(events);
        }
    }

    @Test
    void theShippedConfigurationWarnsOfNothingInEitherFormat() throws Exception {
        for (String format : new String[] {"text", "json"}) {
            LoggerContext context = new LoggerContext();
            context.putProperty("ULTRALINE_LOG_FORMAT", format);
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(FrameLogContextTest.class.getResource("/logback.xml"));
            // a WARN status (an unreferenced appender, say) makes logback print its whole status at every start
            List<String> warnings = context.getStatusManager().getCopyOfStatusList().stream()
                    .filter(status -> status.getLevel() >= Status.WARN)
                    .map(Status::getMessage)
                    .toList();
            context.stop();
            assertThat(warnings).as(format).isEmpty();
        }
    }

    /** Configures a fresh logback context from the shipped logback.xml and logs one line in a frame, one after. */
    private static List<String> logWithShippedConfig(String format) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter()); // the one FrameLogContext writes to
        if (format != null) {
            context.putProperty("ULTRALINE_LOG_FORMAT", format);
        }
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(FrameLogContextTest.class.getResource("/logback.xml"));
            org.slf4j.Logger log = context.getLogger(InferenceProcessor.class);
            try (FrameLogContext logged = FrameLogContext.open("0_2", "cam-3", "f-7", SOURCE)) {
                log.warn("model slow for frame {}", 7);
            }
            log.warn("between frames");
        } finally {
            System.setErr(stderr);
            context.stop();
        }
        return captured.toString(StandardCharsets.UTF_8)
                .lines()
                .filter(l -> !l.isBlank())
                .toList();
    }
}
