package io.ultraline.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultraline.avro.AlertScope;
import io.ultraline.avro.CalibrationAction;
import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.DefectRegion;
import io.ultraline.avro.FrameExplanation;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.LineAlert;
import io.ultraline.avro.RejectReason;
import io.ultraline.avro.RejectedFrame;
import io.ultraline.avro.VerdictStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * A frame's context (its attributes and its W3C trace headers) reaches every output it leads to,
 * although the outputs are rebuilt from the batch buffer and alerts come from verdicts regrouped
 * through a repartition topic.
 */
class FrameContextTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static final String TRACESTATE = "vendor=opaque";
    private static final Map<String, String> PART = Map.of("partSerial", "SN-0042", "shift", "B");
    private static final List<AlertRule> RULES = List.of(
            new AlertRule("camera-any", AlertScope.CAMERA, 1, Duration.ZERO, 1, 0),
            new AlertRule("line-any", AlertScope.LINE, 1, Duration.ZERO, 1, 0));

    @Test
    void attributesAndTraceHeadersReachVerdictDefectsExplanationAndAlerts() {
        try (PipelineHarness h = calibrated()) {
            h.pipe(withPart(TestCameraFrames.frame("cam-1", "bad", TestCameraFrames.defective(7))), traced());

            List<TestRecord<String, FrameVerdict>> verdicts = h.verdicts.readRecordsToList();
            assertThat(verdicts).singleElement().satisfies(r -> {
                assertThat(r.value().getStatus()).isEqualTo(VerdictStatus.DEFECT);
                assertThat(r.value().getAttributes()).isEqualTo(PART);
                assertTraced(r.headers());
                assertThat(r.headers().lastHeader(BatchTag.HEADER))
                        .as("the batch tag stays")
                        .isNotNull();
            });
            List<TestRecord<String, DefectRegion>> defects = h.defects.readRecordsToList();
            assertThat(defects).isNotEmpty().allSatisfy(r -> {
                assertThat(r.value().getAttributes()).isEqualTo(PART);
                assertTraced(r.headers());
            });
            List<TestRecord<String, FrameExplanation>> explanations = h.explanations.readRecordsToList();
            assertThat(explanations).singleElement().satisfies(r -> {
                assertThat(r.value().getAttributes()).isEqualTo(PART);
                assertTraced(r.headers());
            });
            List<TestRecord<String, LineAlert>> alerts = h.alerts.readRecordsToList();
            assertThat(alerts)
                    .extracting(r -> r.value().getScope())
                    .containsExactlyInAnyOrder(AlertScope.CAMERA, AlertScope.LINE);
            assertThat(alerts).allSatisfy(r -> {
                assertThat(r.value().getAttributes()).isEqualTo(PART);
                assertTraced(r.headers());
                assertThat(r.headers().lastHeader(BatchTag.HEADER))
                        .as("a verdict's batch tag")
                        .isNull();
            });
        }
    }

    @Test
    void aFrameWithoutContextGetsEmptyAttributesAndNoTraceHeaders() {
        try (PipelineHarness h = calibrated()) {
            h.pipe(TestCameraFrames.frame("cam-1", "plain", TestCameraFrames.good(0)));

            TestRecord<String, FrameVerdict> verdict = h.verdicts.readRecord();
            assertThat(verdict.value().getAttributes()).isEmpty();
            assertThat(verdict.headers().lastHeader("traceparent")).isNull();
            assertThat(verdict.headers().lastHeader("tracestate")).isNull();
        }
    }

    @Test
    void aRejectedFrameKeepsItsTraceOnTheDeadLetterAndAllHeadersInside() {
        try (PipelineHarness h = calibrated()) {
            CameraFrame wrongWidth = TestCameraFrames.frame("cam-1", "wide", TestCameraFrames.good(1));
            wrongWidth.setWidth(wrongWidth.getWidth() + 1);
            h.pipe(wrongWidth, traced());

            TestRecord<byte[], RejectedFrame> dead = h.deadLetters.readRecord();
            assertThat(dead.value().getReason()).isEqualTo(RejectReason.DIMENSION_MISMATCH);
            assertTraced(dead.headers());
            assertThat(dead.value().getOriginalHeaders()).containsKeys("traceparent", "tracestate", "producer");
        }
    }

    private static PipelineHarness calibrated() {
        PipelineHarness h = new PipelineHarness(PipelineConfig.defaults()
                .withBatch(BatchConfig.of(1, Duration.ofSeconds(1)))
                .withExplanations(ExplanationsMode.ALL)
                .withAlertRules(RULES));
        h.command("cam-1", null, CalibrationAction.START, 3);
        for (int i = 0; i < 3; i++) {
            h.pipe(TestCameraFrames.frame("cam-1", "cal-" + i, TestCameraFrames.good(i)));
        }
        h.verdicts.readRecordsToList();
        h.explanations.readRecordsToList();
        return h;
    }

    private static CameraFrame withPart(CameraFrame frame) {
        frame.setAttributes(PART);
        return frame;
    }

    /** Trace headers plus one that describes only the input record and must not be copied. */
    private static RecordHeaders traced() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("producer", "line-gateway-3".getBytes(StandardCharsets.UTF_8));
        headers.add("traceparent", TRACEPARENT.getBytes(StandardCharsets.US_ASCII));
        headers.add("tracestate", TRACESTATE.getBytes(StandardCharsets.US_ASCII));
        return headers;
    }

    private static void assertTraced(Headers headers) {
        assertThat(value(headers, "traceparent")).isEqualTo(TRACEPARENT);
        assertThat(value(headers, "tracestate")).isEqualTo(TRACESTATE);
        assertThat(headers.headers("traceparent")).hasSize(1);
        assertThat(headers.lastHeader("producer"))
                .as("input-only headers stay behind")
                .isNull();
    }

    private static String value(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.US_ASCII);
    }
}
