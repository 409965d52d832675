package io.ultraline.app;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.ultraline.alerting.AlertJson;
import io.ultraline.avro.AlertScope;
import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.LineAlert;
import io.ultraline.stream.PipelineQueries;
import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * A shift's look back: a camera's verdict history and an alert's evidence, the verdicts of the
 * window that opened it. Both come from memory ({@link VerdictHistory}) while it reaches back far
 * enough, else from line.verdicts ({@link TopicReadBack}); an evidence frame whose image is no
 * longer among the recent frames is read from line.frames at its source offset.
 */
@Singleton
final class EvidenceView {

    private final PipelineService pipeline;
    private final LineView view;
    private final VerdictHistory history;
    private final RecentFrames recent;
    private final TopicReadBack topics;
    private final OverlayRenderer overlays;
    private final PeerClient peers;

    EvidenceView(
            PipelineService pipeline,
            LineView view,
            VerdictHistory history,
            RecentFrames recent,
            TopicReadBack topics,
            OverlayRenderer overlays,
            PeerClient peers) {
        this.pipeline = pipeline;
        this.view = view;
        this.history = history;
        this.recent = recent;
        this.topics = topics;
        this.overlays = overlays;
        this.peers = peers;
    }

    /** The camera's last {@code limit} verdicts held in memory, oldest first. */
    HttpResponse<?> history(String cameraId, int limit, boolean local) {
        if (limit < 1) {
            return HttpResponse.badRequest(Map.of("error", "limit must be at least 1, got " + limit));
        }
        Optional<HttpResponse<?>> remote =
                view.forward(cameraId, local, "/api/cameras/" + enc(cameraId) + "/history?limit=" + limit);
        if (remote.isPresent()) {
            return remote.get();
        }
        List<HistoryPoint> points = history.history(cameraId, limit);
        if (points.isEmpty()) {
            return HttpResponse.notFound(Map.of("error", "no verdict of camera " + cameraId + " in memory"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cameraId", cameraId);
        body.put(
                "frames",
                points.stream()
                        .map(p -> withImage(p.json(), p.cameraId(), p.frameId()))
                        .toList());
        return HttpResponse.ok(body);
    }

    /** The verdicts of the window that opened the alert, from memory or read back from line.verdicts. */
    HttpResponse<?> evidence(String alertId, boolean local) {
        Optional<LineAlert> found = findAlert(alertId);
        if (found.isEmpty()) {
            if (!local) {
                for (HostInfo peer : pipeline.queries().otherInstances()) {
                    if (peers.get(peer, "/api/evidence?local=true&alertId=" + enc(alertId))
                                    instanceof PeerClient.Answer a
                            && a.status() == 200) {
                        return HttpResponse.ok(a.body()).contentType(MediaType.APPLICATION_JSON_TYPE);
                    }
                }
            }
            return HttpResponse.notFound(Map.of(
                    "error",
                    "alert " + alertId + " is neither open nor among the last " + VerdictHistory.ALERTS_KEPT
                            + " alerts this service saw"));
        }
        LineAlert alert = found.get();
        boolean line = alert.getScope() == AlertScope.LINE;
        // the rule's window when it opened: its last windowFrames frames, within windowMillis when bounded
        long to = alert.getOpenedTimestamp().toEpochMilli();
        long from = alert.getWindowMillis() > 0 ? to - alert.getWindowMillis() : Long.MIN_VALUE;
        int frames = Math.max(1, alert.getWindowFrames());
        VerdictHistory.Window held = history.window(alert.getScopeId(), line, from, to, frames);
        List<HistoryPoint> points = held.points();
        String readFrom = "memory";
        if (!held.complete()) {
            Predicate<FrameVerdict> inScope = v -> alert.getScopeId().equals(line ? v.getLineId() : v.getCameraId());
            try {
                List<HistoryPoint> read = topics.verdicts(from, to, inScope).stream()
                        .map(HistoryPoint::of)
                        .toList();
                points = read.subList(Math.max(0, read.size() - frames), read.size());
                readFrom = pipeline.topics().verdicts().name();
            } catch (TimeoutException e) {
                readFrom =
                        "memory (" + pipeline.topics().verdicts().name() + " did not answer: " + e.getMessage() + ")";
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("alert", AlertJson.toTree(alert));
        body.put("from", points.isEmpty() ? null : points.get(0).captureMillis());
        body.put("to", to);
        body.put("windowFrames", frames);
        body.put("readFrom", readFrom);
        body.put(
                "frames",
                points.stream()
                        .map(p -> withImage(p.json(), p.cameraId(), p.frameId()))
                        .toList());
        return HttpResponse.ok(body);
    }

    /**
     * The overlay of a frame: from the recent frames while held, else read back from line.frames at
     * {@code partition}/{@code offset} (the verdict's source) (the frame alone: its
     * regions are on line.defects).
     */
    HttpResponse<?> image(String cameraId, String frameId, Integer partition, Long offset, boolean local) {
        Optional<RecentFrames.Entry> held = recent.frame(cameraId, frameId);
        if (held.isPresent()) {
            return png(overlays.png(held.get()));
        }
        if (partition == null || offset == null) {
            return HttpResponse.badRequest(
                    Map.of(
                            "error",
                            "frame " + frameId + " is no longer in memory: "
                                    + "give its source partition and offset (from the history or the evidence) to read it back"));
        }
        Optional<HttpResponse<?>> remote = view.forward(
                cameraId,
                local,
                "/api/cameras/" + enc(cameraId) + "/frames/" + enc(frameId) + "/image.png?partition=" + partition
                        + "&offset=" + offset);
        if (remote.isPresent()) {
            return remote.get();
        }
        Optional<CameraFrame> frame = topics.frame(partition, offset)
                .filter(f -> f.getCameraId().equals(cameraId) && f.getFrameId().equals(frameId));
        if (frame.isEmpty()) {
            return HttpResponse.notFound(Map.of(
                    "error",
                    "no frame " + frameId + " of camera " + cameraId + " at "
                            + pipeline.topics().frames().name() + " partition " + partition + " offset " + offset
                            + " (past retention, or another frame)"));
        }
        return png(overlays.render(RecentFrames.Entry.readBack(frame.get())));
    }

    private Optional<LineAlert> findAlert(String alertId) {
        PipelineQueries q = pipeline.queries();
        return q.localOpenAlerts().stream()
                .filter(a -> a.getAlertId().equals(alertId))
                .findFirst()
                .or(() -> history.alert(alertId));
    }

    /** The URL of the frame's overlay, and whether it is still in memory (else read back from the topic). */
    private Map<String, Object> withImage(Map<String, Object> json, String cameraId, String frameId) {
        boolean held = recent.frame(cameraId, frameId).isPresent();
        @SuppressWarnings("unchecked")
        Map<String, Object> source = (Map<String, Object>) json.get("source");
        json.put("inMemory", held);
        json.put(
                "image",
                "/api/cameras/" + enc(cameraId) + "/frames/" + enc(frameId) + "/image.png?partition="
                        + source.get("partition") + "&offset=" + source.get("offset"));
        return json;
    }

    private static HttpResponse<?> png(byte[] png) {
        return HttpResponse.ok(png).contentType(MediaType.IMAGE_PNG_TYPE).header("Cache-Control", "no-store");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
