package io.ultraline.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.ultraline.alerting.AlertJson;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.LineAlert;
import io.ultraline.stream.CalibrationProgress;
import io.ultraline.stream.NodeNames;
import io.ultraline.stream.PipelineQueries;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;

/**
 * What the operator API answers, from this instance's stores and recent frames; keys another
 * instance owns are fetched from it ({@link PeerClient}), or answered with its address and the
 * reason when it does not respond (502) or this instance does not forward to it (503).
 * {@code local} answers from this instance only (what peers ask each other).
 */
@Singleton
public final class LineView {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PipelineService pipeline;
    private final RecentFrames recent;
    private final PeerClient peers;
    private final OverlayRenderer overlays;
    private final FeedbackLedger feedback;

    LineView(
            PipelineService pipeline,
            RecentFrames recent,
            PeerClient peers,
            OverlayRenderer overlays,
            FeedbackView feedback) {
        this.pipeline = pipeline;
        this.recent = recent;
        this.peers = peers;
        this.overlays = overlays;
        this.feedback = feedback.ledger();
    }

    /** Every camera with its latest verdict, score history and open alert count. */
    public HttpResponse<?> cameras(boolean local) {
        PipelineQueries q = pipeline.queries();
        List<Object> cameras = new ArrayList<>();
        q.localLatestVerdicts().stream()
                .sorted(Comparator.comparing(FrameVerdict::getCameraId))
                .forEach(v -> cameras.add(summary(v)));
        List<String> unreachable = new ArrayList<>();
        Map<String, String> reasons = new LinkedHashMap<>();
        if (!local) {
            for (HostInfo peer : q.otherInstances()) {
                PeerClient.Reply reply = peers.get(peer, "/api/cameras");
                Optional<JsonNode> answer = json(reply);
                if (answer.isPresent()) {
                    answer.get().path("cameras").forEach(cameras::add);
                } else {
                    String name = peer.host() + ":" + peer.port();
                    unreachable.add(name);
                    reasons.put(
                            name,
                            reply instanceof PeerClient.Failure f
                                    ? f.reason()
                                    : "answered HTTP " + ((PeerClient.Answer) reply).status());
                }
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cameras", cameras);
        body.put("unreachableInstances", unreachable);
        body.put("unreachableReasons", reasons);
        return HttpResponse.ok(body);
    }

    /** One camera: latest verdict, open alerts, recent scores. */
    public HttpResponse<?> camera(String cameraId, boolean local) {
        Optional<HttpResponse<?>> remote = forward(cameraId, local, "/api/cameras/" + enc(cameraId));
        if (remote.isPresent()) {
            return remote.get();
        }
        return pipeline.queries()
                .latestVerdict(cameraId)
                .<HttpResponse<?>>map(v -> HttpResponse.ok(summary(v)))
                .orElseGet(() -> notFound("no verdict for camera " + cameraId + " yet"));
    }

    /**
     * A camera's calibration: the one running (frames collected of target, or building its
     * profile) and what its latest verdict says (status, profile version).
     */
    public HttpResponse<?> calibration(String cameraId, String productId, boolean local) {
        String path = "/api/cameras/" + enc(cameraId) + "/calibration"
                + (productId == null ? "" : "?product=" + enc(productId));
        Optional<HttpResponse<?>> remote = forward(cameraId, local, path);
        if (remote.isPresent()) {
            return remote.get();
        }
        PipelineQueries q = pipeline.queries();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cameraId", cameraId);
        body.put("productId", productId);
        Optional<CalibrationProgress> running = q.calibration(cameraId, productId);
        body.put("running", running.isPresent());
        running.ifPresent(c -> {
            body.put("commandId", c.commandId());
            body.put("collected", c.collected());
            body.put("target", c.target());
            body.put("building", c.building());
        });
        q.latestVerdict(cameraId).ifPresent(v -> {
            body.put("lastStatus", v.getStatus().name());
            body.put("profileVersion", v.getProfileVersion());
            body.put("threshold", v.getThreshold());
        });
        return HttpResponse.ok(body);
    }

    /** A recent frame's verdict, defects and explanation. */
    public HttpResponse<?> frame(String cameraId, String frameId, boolean local) {
        Optional<HttpResponse<?>> remote =
                forward(cameraId, local, "/api/cameras/" + enc(cameraId) + "/frames/" + enc(frameId));
        if (remote.isPresent()) {
            return remote.get();
        }
        Optional<RecentFrames.Entry> entry = recent.frame(cameraId, frameId);
        if (entry.isEmpty() || entry.get().verdict().isEmpty()) {
            return notFound("frame " + frameId + " of camera " + cameraId + " is not among its recent frames (the "
                    + "last " + RecentFrames.FRAMES_PER_CAMERA + "); line.verdicts and line.defects hold every frame, "
                    + "line.explanations those explained (all of them in explanations mode all)");
        }
        RecentFrames.Entry e = entry.get();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("verdict", Views.verdict(e.verdict().get()));
        body.put("defects", e.defects().stream().map(Views::defect).toList());
        body.put("explanation", e.explanation().map(Views::explanation).orElse(null));
        return HttpResponse.ok(body);
    }

    /** The overlay PNG of a recent frame, the latest one with a verdict when {@code frameId} is null. */
    public HttpResponse<?> overlay(String cameraId, String frameId, boolean local) {
        String path =
                "/api/cameras/" + enc(cameraId) + "/overlay.png" + (frameId == null ? "" : "?frameId=" + enc(frameId));
        Optional<HttpResponse<?>> remote = forward(cameraId, local, path);
        if (remote.isPresent()) {
            return remote.get();
        }
        Optional<RecentFrames.Entry> entry =
                frameId == null ? recent.latestWithVerdict(cameraId) : recent.frame(cameraId, frameId);
        if (entry.isEmpty()) {
            return notFound("no recent frame " + (frameId == null ? "" : frameId + " ") + "of camera " + cameraId);
        }
        return HttpResponse.ok(overlays.png(entry.get()))
                .contentType(MediaType.IMAGE_PNG_TYPE)
                .header("Cache-Control", "no-store");
    }

    /** Open alerts: all of them, or those of one camera or line. */
    public HttpResponse<?> alerts(String scopeId, boolean local) {
        PipelineQueries q = pipeline.queries();
        List<Object> alerts = new ArrayList<>();
        if (scopeId != null) {
            Optional<HttpResponse<?>> remote = forward(scopeId, local, "/api/alerts?scope=" + enc(scopeId));
            if (remote.isPresent()) {
                return remote.get();
            }
            q.openAlerts(scopeId).forEach(a -> alerts.add(withAck(a)));
        } else {
            q.localOpenAlerts().stream()
                    .sorted(Comparator.comparing(LineAlert::getScopeId))
                    .forEach(a -> alerts.add(withAck(a)));
            if (!local) {
                for (HostInfo peer : q.otherInstances()) {
                    json(peers.get(peer, "/api/alerts"))
                            .ifPresent(j -> j.path("alerts").forEach(alerts::add));
                }
            }
        }
        return HttpResponse.ok(Map.of("alerts", alerts));
    }

    /** An alert's JSON with who acknowledged it and when (line.feedback), nulls while nobody has. */
    private ObjectNode withAck(LineAlert alert) {
        ObjectNode json = AlertJson.toTree(alert);
        Optional<FeedbackLedger.Ack> ack = feedback.ack(alert.getAlertId());
        if (ack.isPresent()) {
            json.put("acknowledgedAt", ack.get().at());
            json.put("acknowledgedBy", ack.get().by());
        } else {
            json.putNull("acknowledgedAt");
            json.putNull("acknowledgedBy");
        }
        return json;
    }

    private Map<String, Object> summary(FrameVerdict v) {
        Map<String, Object> m = Views.verdict(v);
        m.put("scores", recent.scores(v.getCameraId()));
        m.put("openAlerts", pipeline.queries().openAlerts(v.getCameraId()).size());
        m.put(
                "overlayFrameId",
                recent.latestWithVerdict(v.getCameraId())
                        .map(e -> e.frame().getFrameId())
                        .orElse(null));
        HostInfo self = pipeline.self();
        m.put("instance", HostInfo.unavailable().equals(self) ? null : self.host() + ":" + self.port());
        return m;
    }

    /** The owner's answer when another instance owns the key, else empty (answer here). */
    Optional<HttpResponse<?>> forward(String key, boolean local, String path) {
        if (local) {
            return Optional.empty();
        }
        PipelineQueries q = pipeline.queries();
        Optional<HostInfo> owner = q.ownerOf(key, NodeNames.LATEST_VERDICTS_STORE);
        if (owner.isEmpty() || HostInfo.unavailable().equals(owner.get()) || q.isLocal(owner.get())) {
            return Optional.empty();
        }
        HostInfo o = owner.get();
        PeerClient.Reply reply = peers.get(o, path);
        if (reply instanceof PeerClient.Failure f) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put(
                    "error",
                    key + " is held by another instance that "
                            + (f.status() == 503 ? "this instance does not forward to" : "did not answer"));
            body.put("reason", f.reason());
            body.put("owner", o.host() + ":" + o.port());
            return Optional.of(
                    HttpResponse.status(HttpStatus.valueOf(f.status())).body(body));
        }
        PeerClient.Answer a = (PeerClient.Answer) reply;
        return Optional.of(HttpResponse.status(HttpStatus.valueOf(a.status()))
                .body(a.body())
                .contentType(a.contentType())
                .header("X-Ultraline-Owner", o.host() + ":" + o.port()));
    }

    private static Optional<JsonNode> json(PeerClient.Reply reply) {
        if (!(reply instanceof PeerClient.Answer a) || a.status() != 200) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(a.body()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static HttpResponse<?> notFound(String message) {
        return HttpResponse.notFound(Map.of("error", message));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
