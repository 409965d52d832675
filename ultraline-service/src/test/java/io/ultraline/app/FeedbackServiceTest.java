package io.ultraline.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.http.HttpResponse;
import io.ultraline.avro.AlertScope;
import io.ultraline.avro.AlertState;
import io.ultraline.avro.CalibrationAction;
import io.ultraline.avro.CalibrationCommand;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.LineAlert;
import io.ultraline.avro.ModelStamp;
import io.ultraline.avro.OperatorFeedback;
import io.ultraline.avro.SourceRef;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FeedbackServiceTest {

    private static final Instant NOW = Instant.ofEpochMilli(61_000);

    private final RecentFrames recent = new RecentFrames();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final FeedbackLedger ledger = new FeedbackLedger(registry);
    private final List<CalibrationCommand> commands = new ArrayList<>();
    private final List<OperatorFeedback> sent = new ArrayList<>();
    private final LineAlert alert = LineAlert.newBuilder()
            .setAlertId("al-1")
            .setRuleId("r")
            .setScope(AlertScope.CAMERA)
            .setScopeId("cam-1")
            .setState(AlertState.OPEN)
            .setOpenedTimestamp(Instant.ofEpochMilli(1_000))
            .setEventTimestamp(Instant.ofEpochMilli(1_000))
            .setDefectiveFrames(3)
            .setWindowFrames(5)
            .setWindowMillis(1000)
            .setMessage("m")
            .setSource(new SourceRef("line.frames", 0, 1L))
            .setModel(new ModelStamp("m", "1", "d"))
            .setPipelineVersion("p")
            .build();
    private final FeedbackService service = new FeedbackService(
            recent,
            ledger,
            new FeedbackService.Sink() {
                @Override
                public void command(CalibrationCommand command) {
                    commands.add(command);
                }

                @Override
                public OperatorFeedback feedback(OperatorFeedback feedback) {
                    sent.add(feedback);
                    ledger.accept(feedback); // as the view would read it back
                    return feedback;
                }
            },
            id -> id.equals("al-1") ? Optional.of(alert) : Optional.empty(),
            registry,
            Clock.fixed(NOW, ZoneOffset.UTC));

    private void seen(String frameId, int regions) {
        recent.frameAccepted(LiveRecords.frame("cam-1", frameId, 16));
        FrameVerdict v = FrameVerdict.newBuilder(LiveRecords.verdict("cam-1", frameId, 2f, 1))
                .setRegionCount(regions)
                .build();
        recent.verdict(v);
    }

    @Test
    void aFalseAlarmSendsItsFrameToTheProfileAndRecordsTheFeedback() {
        seen("f-1", 1);
        HttpResponse<?> r = service.judge(
                "cam-1", "f-1", "{\"kind\":\"FALSE_ALARM\",\"regionIndex\":0," + "\"note\":\"glare\"}", "operator");

        assertThat(r.code()).isEqualTo(202);
        assertThat(commands).singleElement().satisfies(c -> {
            assertThat(c.getAction()).isEqualTo(CalibrationAction.ADD_NORMAL);
            assertThat(c.getFrameId()).isEqualTo("f-1");
            assertThat(c.getFrameSource()).isEqualTo(new SourceRef("line.frames", 1, 1L));
            assertThat(c.getRequestedBy()).isEqualTo("operator");
        });
        assertThat(sent).singleElement().satisfies(f -> assertThat(f.getNote()).isEqualTo("glare"));
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) r.body();
        assertThat(body)
                .containsEntry("kind", "FALSE_ALARM")
                .containsEntry("regionIndex", 0)
                .containsEntry("timestamp", NOW.toEpochMilli())
                .containsKey("feedbackId");
        assertThat(service.recent("cam-1").body()).asList().hasSize(1);
    }

    @Test
    void aConfirmedDefectChangesNoProfile() {
        seen("f-2", 0);
        assertThat(service.judge("cam-1", "f-2", "{\"kind\":\"CONFIRMED_DEFECT\",\"defectType\":\"crack\"}", null)
                        .code())
                .isEqualTo(202);
        assertThat(commands).isEmpty();
        assertThat(sent)
                .singleElement()
                .satisfies(f -> assertThat(f.getDefectType()).isEqualTo("crack"));
    }

    @Test
    void badBodiesAre400AndUnknownFrames404() {
        seen("f-3", 1);
        assertThat(service.judge("cam-1", "f-3", "[1]", null).code()).isEqualTo(400);
        assertThat(service.judge("cam-1", "f-3", "{oops", null).code()).isEqualTo(400);
        assertThat(service.judge("cam-1", "f-3", "{\"kind\":\"FALSE_ALARM\",\"regionIndex\":\"x\"}", null)
                        .code())
                .isEqualTo(400);
        assertThat(service.judge("cam-1", "f-3", "{\"kind\":\"FALSE_ALARM\",\"regionIndex\":3}", null)
                        .code())
                .as("a region the verdict does not have")
                .isEqualTo(400);
        assertThat(service.judge("cam-1", "f-3", null, null).code())
                .as("no kind")
                .isEqualTo(400);
        assertThat(service.judge("cam-1", "nope", "{\"kind\":\"FALSE_ALARM\"}", null)
                        .code())
                .isEqualTo(404);
        assertThat(commands).isEmpty();
        assertThat(sent).isEmpty();
    }

    @Test
    void anAcknowledgementRecordsTheTimeFromTheAlertsOpeningOnce() {
        assertThat(service.acknowledge("al-1", "{\"note\":\"on it\"}", "operator")
                        .code())
                .isEqualTo(202);
        assertThat(service.acknowledge("al-1", "", "operator").code()).isEqualTo(202);
        assertThat(service.acknowledge("al-9", null, "operator").code()).isEqualTo(404);

        assertThat(sent).hasSize(2).allSatisfy(f -> assertThat(f.getCameraId()).isEqualTo("cam-1"));
        var timer = registry.get("ultraline.alert.time.to.ack").timer();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.totalTime(java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(60.0);
        assertThat(ledger.ack("al-1")).contains(new FeedbackLedger.Ack(NOW.toEpochMilli(), "operator"));
    }
}
