package io.ultraline.app;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.security.Principal;

/**
 * Operator feedback from the API (docs/gateway.md#feedback): a false alarm or a confirmed defect on
 * a frame, an alert's acknowledgement, a camera's recent feedback, and a frame's explanation on
 * demand. Writes need the operator
 * token when security is on ({@link BearerTokenFilter}); the body is read as text so that a bad one
 * gets this API's own 400 with {@code {"error": ...}}.
 */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
final class FeedbackController {

    private final FeedbackService feedback;
    private final OnDemandExplanations explanations;

    FeedbackController(FeedbackService feedback, OnDemandExplanations explanations) {
        this.feedback = feedback;
        this.explanations = explanations;
    }

    /** Explain on demand: the frame's ULTra explanation follows on line.explanations (reason ON_DEMAND). */
    @Post(
            uri = "/cameras/{cameraId}/frames/{frameId}/explain",
            consumes = {"application/json", "text/plain"})
    HttpResponse<?> explain(
            @PathVariable String cameraId,
            @PathVariable String frameId,
            @Body @Nullable String body,
            @Nullable Principal principal) {
        return explanations.explain(cameraId, frameId, body, name(principal));
    }

    @Post(
            uri = "/cameras/{cameraId}/frames/{frameId}/feedback",
            consumes = {"application/json", "text/plain"})
    HttpResponse<?> judge(
            @PathVariable String cameraId,
            @PathVariable String frameId,
            @Body @Nullable String body,
            @Nullable Principal principal) {
        return feedback.judge(cameraId, frameId, body, name(principal));
    }

    @Post(
            uri = "/alerts/{alertId}/ack",
            consumes = {"application/json", "text/plain"})
    HttpResponse<?> acknowledge(
            @PathVariable String alertId, @Body @Nullable String body, @Nullable Principal principal) {
        return feedback.acknowledge(alertId, body, name(principal));
    }

    @Get("/cameras/{cameraId}/feedback")
    HttpResponse<?> recent(@PathVariable String cameraId) {
        return feedback.recent(cameraId);
    }

    private static String name(Principal principal) {
        return principal == null ? null : principal.getName();
    }
}
