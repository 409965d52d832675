package io.ultraline.app;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** The operator API; every answer comes from {@link LineView}. */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
final class ApiController {

    private final LineView view;

    ApiController(LineView view) {
        this.view = view;
    }

    @Get("/cameras{?local}")
    HttpResponse<?> cameras(@QueryValue @Nullable Boolean local) {
        return view.cameras(Boolean.TRUE.equals(local));
    }

    @Get("/cameras/{cameraId}{?local}")
    HttpResponse<?> camera(@PathVariable String cameraId, @QueryValue @Nullable Boolean local) {
        return view.camera(cameraId, Boolean.TRUE.equals(local));
    }

    @Get("/cameras/{cameraId}/frames/{frameId}{?local}")
    HttpResponse<?> frame(
            @PathVariable String cameraId, @PathVariable String frameId, @QueryValue @Nullable Boolean local) {
        return view.frame(cameraId, frameId, Boolean.TRUE.equals(local));
    }

    @Get("/cameras/{cameraId}/overlay.png{?frameId,local}")
    HttpResponse<?> overlay(
            @PathVariable String cameraId, @QueryValue @Nullable String frameId, @QueryValue @Nullable Boolean local) {
        return view.overlay(cameraId, frameId, Boolean.TRUE.equals(local));
    }

    @Get("/alerts{?scope,local}")
    HttpResponse<?> alerts(@QueryValue @Nullable String scope, @QueryValue @Nullable Boolean local) {
        return view.alerts(scope, Boolean.TRUE.equals(local));
    }
}
