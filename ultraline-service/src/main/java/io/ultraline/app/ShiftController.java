package io.ultraline.app;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the dashboard needs for a shift beyond the live tiles: a camera's history, an alert's
 * evidence frames and their images ({@link EvidenceView}), and who the caller is ({@code role},
 * {@code canWrite}: every caller that reaches the page may press its buttons).
 */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
final class ShiftController {

    private final EvidenceView evidence;
    private final DashboardConfig config;

    ShiftController(EvidenceView evidence, DashboardConfig config) {
        this.evidence = evidence;
        this.config = config;
    }

    @Get("/cameras/{cameraId}/history{?limit,local}")
    HttpResponse<?> history(
            @PathVariable String cameraId, @QueryValue @Nullable Integer limit, @QueryValue @Nullable Boolean local) {
        return evidence.history(cameraId, limit == null ? config.historyFrames() : limit, Boolean.TRUE.equals(local));
    }

    /** The alert id is a query value: ids hold slashes ({@code rule/camera/source}), which no path segment may. */
    @Get("/evidence{?alertId,local}")
    HttpResponse<?> evidence(@QueryValue @Nullable String alertId, @QueryValue @Nullable Boolean local) {
        if (alertId == null || alertId.isBlank()) {
            return HttpResponse.badRequest(Map.of("error", "alertId is required: GET /api/evidence?alertId=<id>"));
        }
        return evidence.evidence(alertId, Boolean.TRUE.equals(local));
    }

    @Get("/cameras/{cameraId}/frames/{frameId}/image.png{?partition,offset,local}")
    HttpResponse<?> image(
            @PathVariable String cameraId,
            @PathVariable String frameId,
            @QueryValue @Nullable Integer partition,
            @QueryValue @Nullable Long offset,
            @QueryValue @Nullable Boolean local) {
        return evidence.image(cameraId, frameId, partition, offset, Boolean.TRUE.equals(local));
    }

    /**
     * The caller's role: "open" with security off, else "operator" (the API token) or "dashboard"
     * (the session cookie: {@link BearerTokenFilter} lets it press the operator's buttons only).
     */
    @Get("/session")
    HttpResponse<?> session(HttpRequest<?> request) {
        String role =
                request.getUserPrincipal(Caller.class).map(Caller::getName).orElse("open");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("role", role);
        body.put("canWrite", true);
        body.put("historyFrames", config.historyFrames());
        return HttpResponse.ok(body);
    }
}
