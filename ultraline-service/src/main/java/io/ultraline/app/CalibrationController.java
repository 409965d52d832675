package io.ultraline.app;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.ultraline.avro.CalibrationCommand;
import io.ultraline.control.CalibrationRequest;
import io.ultraline.control.CalibrationSender;
import io.ultraline.control.ProfileChanges;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Calibration from the API: {@code GET .../calibration} shows a camera's progress (any reader),
 * {@code POST .../calibration/start|stop|reset|margin} writes a command (with security on, the API
 * token; a dashboard session only start, stop and reset from the page, see {@link BearerTokenFilter};
 * peers never write).
 */
@Controller("/api/cameras/{cameraId}/calibration")
@ExecuteOn(TaskExecutors.BLOCKING)
final class CalibrationController {

    private final LineView view;
    private final OperatorCommands commands;

    CalibrationController(LineView view, OperatorCommands commands) {
        this.view = view;
        this.commands = commands;
    }

    @Get("{?product,local}")
    HttpResponse<?> status(
            @PathVariable String cameraId, @QueryValue @Nullable String product, @QueryValue @Nullable Boolean local) {
        return view.calibration(cameraId, product, Boolean.TRUE.equals(local));
    }

    /** A versioned threshold margin: the profile's next version has its calibrated threshold times {@code value}. */
    @Post("/margin{?value,product}")
    HttpResponse<?> margin(
            @PathVariable String cameraId, @QueryValue @Nullable Float value, @QueryValue @Nullable String product) {
        CalibrationCommand command;
        try {
            command = ProfileChanges.margin(
                    cameraId, product, value == null ? Float.NaN : value, "api", java.time.Instant.now());
        } catch (IllegalArgumentException e) {
            return HttpResponse.badRequest(Map.of("error", e.getMessage()));
        }
        CalibrationSender.Sent sent;
        try {
            sent = commands.calibrate(command);
        } catch (RuntimeException e) {
            return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("error", e.getMessage()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("commandId", command.getCommandId());
        body.put("action", command.getAction().name());
        body.put("cameraId", cameraId);
        body.put("productId", command.getProductId());
        body.put("margin", command.getMargin());
        body.put("partition", sent.partition());
        body.put("offset", sent.offset());
        return HttpResponse.accepted().body(body);
    }

    @Post("/{action}{?frames,product}")
    HttpResponse<?> command(
            @PathVariable String cameraId,
            @PathVariable String action,
            @QueryValue @Nullable Integer frames,
            @QueryValue @Nullable String product) {
        CalibrationRequest request;
        try {
            request = new CalibrationRequest(
                    CalibrationRequest.action(action), cameraId, product, frames == null ? 0 : frames, "api");
        } catch (IllegalArgumentException e) {
            return HttpResponse.badRequest(Map.of("error", e.getMessage()));
        }
        CalibrationSender.Sent sent;
        try {
            sent = commands.calibrate(request);
        } catch (RuntimeException e) {
            return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("error", e.getMessage()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("commandId", sent.command().getCommandId());
        body.put("action", sent.command().getAction().name());
        body.put("cameraId", cameraId);
        body.put("productId", sent.command().getProductId());
        body.put("frames", sent.command().getFrameCount());
        body.put("partition", sent.partition());
        body.put("offset", sent.offset());
        return HttpResponse.accepted().body(body);
    }
}
