package io.ultraline.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.ultraline.avro.CalibrationCommand;
import io.ultraline.avro.FeedbackKind;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.LineAlert;
import io.ultraline.avro.OperatorFeedback;
import io.ultraline.control.FeedbackRequest;
import io.ultraline.control.ProfileChanges;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Operator feedback from the API. A judgement of a frame needs the frame in this instance's recent
 * frames (its verdict names its place on line.frames, and a false alarm carries its image to the
 * profile as an ADD_NORMAL command, sent before the feedback so that a recorded false alarm always
 * has its profile change on the way). An acknowledgement needs the alert among this instance's
 * open alerts; it records {@code ultraline_alert_time_to_ack_seconds} from the alert's opening.
 */
@Singleton
final class FeedbackService {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where feedback and profile changes go: Kafka in the service, a list in tests. */
    interface Sink {
        void command(CalibrationCommand command);

        OperatorFeedback feedback(OperatorFeedback feedback);
    }

    private final RecentFrames recent;
    private final FeedbackLedger ledger;
    private final Sink sink;
    private final Function<String, Optional<LineAlert>> openAlert;
    private final Timer timeToAck;
    private final Clock clock;

    @Inject
    FeedbackService(
            RecentFrames recent,
            FeedbackView view,
            OperatorCommands commands,
            PipelineService pipeline,
            MeterRegistry registry) {
        this(
                recent,
                view.ledger(),
                new Sink() {
                    @Override
                    public void command(CalibrationCommand command) {
                        commands.calibrate(command);
                    }

                    @Override
                    public OperatorFeedback feedback(OperatorFeedback feedback) {
                        return commands.feedback(feedback);
                    }
                },
                id -> pipeline.queries().localOpenAlerts().stream()
                        .filter(a -> a.getAlertId().equals(id))
                        .findFirst(),
                registry,
                Clock.systemUTC());
    }

    FeedbackService(
            RecentFrames recent,
            FeedbackLedger ledger,
            Sink sink,
            Function<String, Optional<LineAlert>> openAlert,
            MeterRegistry registry,
            Clock clock) {
        this.recent = recent;
        this.ledger = ledger;
        this.sink = sink;
        this.openAlert = openAlert;
        this.clock = clock;
        this.timeToAck = Timer.builder("ultraline.alert.time.to.ack")
                .description("From an alert's opening (its frame's capture) to an operator's acknowledgement")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofSeconds(1))
                .maximumExpectedValue(Duration.ofDays(1))
                .register(registry);
    }

    /** POST /api/cameras/{camera}/frames/{frame}/feedback. */
    HttpResponse<?> judge(String cameraId, String frameId, String body, String operator) {
        FeedbackRequest request;
        try {
            JsonNode json = parse(body);
            request = new FeedbackRequest(
                    FeedbackRequest.kind(text(json, "kind")),
                    cameraId,
                    frameId,
                    regionIndex(json),
                    text(json, "defectType"),
                    text(json, "note"));
        } catch (IllegalArgumentException e) {
            return HttpResponse.badRequest(Map.of("error", e.getMessage()));
        }
        Optional<RecentFrames.Entry> entry = recent.frame(cameraId, frameId);
        Optional<FrameVerdict> verdict = entry.flatMap(RecentFrames.Entry::verdict);
        if (verdict.isEmpty()) {
            return HttpResponse.notFound(Map.of(
                    "error",
                    "this instance holds no verdict of frame " + frameId + " of camera " + cameraId
                            + " (only the last frames of each camera are kept)"));
        }
        if (request.regionIndex() != null
                && request.regionIndex() >= verdict.get().getRegionCount()) {
            return HttpResponse.badRequest(Map.of(
                    "error",
                    "frame " + frameId + " has " + verdict.get().getRegionCount() + " regions; regionIndex "
                            + request.regionIndex() + " is not one of them"));
        }
        try {
            OperatorFeedback f = request.feedback(verdict.get().getSource(), operator, clock.instant());
            if (request.kind() == FeedbackKind.FALSE_ALARM) {
                sink.command(ProfileChanges.addNormal(
                        entry.get().frame(),
                        verdict.get().getSource(),
                        operator == null ? "api" : operator,
                        f.getTimestamp()));
            }
            return HttpResponse.accepted().body(FeedbackJson.of(sink.feedback(f)));
        } catch (RuntimeException e) {
            return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("error", e.getMessage()));
        }
    }

    /** POST /api/alerts/{alert}/ack. */
    HttpResponse<?> acknowledge(String alertId, String body, String operator) {
        String note;
        try {
            note = text(parse(body), "note");
        } catch (IllegalArgumentException e) {
            return HttpResponse.badRequest(Map.of("error", e.getMessage()));
        }
        Optional<LineAlert> alert = openAlert.apply(alertId);
        if (alert.isEmpty()) {
            return HttpResponse.notFound(Map.of("error", "no open alert " + alertId + " on this instance"));
        }
        // judged before sending: the view may read the acknowledgement back before send() returns
        boolean first = ledger.ack(alertId).isEmpty();
        try {
            OperatorFeedback f = sink.feedback(FeedbackRequest.acknowledgement(
                    alert.get().getScopeId(), alertId, note, operator, clock.instant()));
            if (first) {
                timeToAck.record(Duration.between(alert.get().getOpenedTimestamp(), f.getTimestamp())
                        .abs());
            }
            return HttpResponse.accepted().body(FeedbackJson.of(f));
        } catch (IllegalArgumentException e) {
            return HttpResponse.badRequest(Map.of("error", e.getMessage()));
        } catch (RuntimeException e) {
            return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("error", e.getMessage()));
        }
    }

    /** GET /api/cameras/{camera}/feedback. */
    HttpResponse<?> recent(String cameraId) {
        return HttpResponse.ok(
                ledger.recent(cameraId).stream().map(FeedbackJson::of).toList());
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode json = JSON.readTree(body);
            if (json == null || !json.isObject()) {
                throw new IllegalArgumentException("the body must be a JSON object");
            }
            return json;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("the body could not be read: " + e.getMessage());
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode v = json.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return v.asText();
    }

    private static Integer regionIndex(JsonNode json) {
        JsonNode v = json.get("regionIndex");
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isInt()) {
            throw new IllegalArgumentException("regionIndex must be an integer");
        }
        return v.asInt();
    }
}
