package io.ultraline.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.ultraline.avro.CalibrationCommand;
import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.SourceRef;
import io.ultraline.control.CalibrationSender;
import io.ultraline.control.ExplainCommands;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Explain on demand (POST /api/cameras/{camera}/frames/{frame}/explain): sends an EXPLAIN command
 * carrying a retained frame to the pipeline, which publishes the frame's explanation on
 * line.explanations with reason ON_DEMAND. The frame comes from this instance's recent frames when
 * it holds it; an older one is read back from line.frames by its place, given in the body as
 * {@code {"partition": p, "offset": o}}, and must be the named camera's named frame.
 */
@Singleton
final class OnDemandExplanations {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RecentFrames recent;
    private final BiFunction<Integer, Long, Optional<CameraFrame>> readBack;
    private final Function<CalibrationCommand, CalibrationSender.Sent> sink;
    private final String framesTopic;
    private final Clock clock;

    @Inject
    OnDemandExplanations(
            RecentFrames recent, TopicReadBack topics, OperatorCommands commands, PipelineService pipeline) {
        this(
                recent,
                topics::frame,
                commands::calibrate,
                pipeline.topics().frames().name(),
                Clock.systemUTC());
    }

    OnDemandExplanations(
            RecentFrames recent,
            BiFunction<Integer, Long, Optional<CameraFrame>> readBack,
            Function<CalibrationCommand, CalibrationSender.Sent> sink,
            String framesTopic,
            Clock clock) {
        this.recent = recent;
        this.readBack = readBack;
        this.sink = sink;
        this.framesTopic = framesTopic;
        this.clock = clock;
    }

    HttpResponse<?> explain(String cameraId, String frameId, String body, String operator) {
        Optional<Place> place;
        try {
            place = place(body);
        } catch (IllegalArgumentException e) {
            return HttpResponse.badRequest(Map.of("error", e.getMessage()));
        }
        Optional<RecentFrames.Entry> entry = recent.frame(cameraId, frameId);
        Optional<FrameVerdict> verdict = entry.flatMap(RecentFrames.Entry::verdict);
        CameraFrame frame;
        SourceRef source;
        if (verdict.isPresent()) {
            frame = entry.get().frame();
            source = verdict.get().getSource();
        } else if (place.isPresent()) {
            Optional<CameraFrame> read;
            try {
                read = readBack.apply(place.get().partition(), place.get().offset());
            } catch (RuntimeException e) {
                return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                        .body(Map.of("error", "cannot read line.frames: " + e.getMessage()));
            }
            if (read.isEmpty()
                    || !cameraId.equals(read.get().getCameraId())
                    || !frameId.equals(read.get().getFrameId())) {
                return HttpResponse.notFound(Map.of(
                        "error",
                        "line.frames holds no frame " + frameId + " of camera "
                                + cameraId + " at partition " + place.get().partition() + ", offset "
                                + place.get().offset()
                                + " (past its retention, or another frame)"));
            }
            frame = read.get();
            source = new SourceRef(
                    framesTopic, place.get().partition(), place.get().offset());
        } else {
            return HttpResponse.notFound(Map.of(
                    "error",
                    "this instance holds no verdict of frame " + frameId
                            + " of camera " + cameraId + "; give its place on line.frames as {\"partition\": p, "
                            + "\"offset\": o} to read it back"));
        }
        try {
            CalibrationSender.Sent sent = sink.apply(
                    ExplainCommands.explain(frame, source, operator == null ? "api" : operator, clock.instant()));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("commandId", sent.command().getCommandId());
            answer.put("cameraId", cameraId);
            answer.put("frameId", frameId);
            answer.put(
                    "source",
                    Map.of(
                            "topic",
                            source.getTopic(),
                            "partition",
                            source.getPartition(),
                            "offset",
                            source.getOffset()));
            return HttpResponse.accepted().body(answer);
        } catch (IllegalArgumentException e) {
            return HttpResponse.badRequest(Map.of("error", e.getMessage()));
        } catch (RuntimeException e) {
            return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("error", e.getMessage()));
        }
    }

    /** A frame's place on line.frames, from the request body. */
    record Place(int partition, long offset) {}

    static Optional<Place> place(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getMessage());
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object");
        }
        JsonNode p = json.get("partition");
        JsonNode o = json.get("offset");
        if (p == null && o == null) {
            return Optional.empty();
        }
        if (p == null
                || o == null
                || !p.canConvertToInt()
                || !o.canConvertToLong()
                || !p.isIntegralNumber()
                || !o.isIntegralNumber()
                || p.asInt() < 0
                || o.asLong() < 0) {
            throw new IllegalArgumentException(
                    "a frame's place is {\"partition\": p, \"offset\": o}, both whole " + "numbers >= 0");
        }
        return Optional.of(new Place(p.asInt(), o.asLong()));
    }
}
