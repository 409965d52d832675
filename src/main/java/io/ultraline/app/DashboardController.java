package io.ultraline.app;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.net.URI;

/** The dashboard lives under /dashboard/ (static resources); the root sends browsers there. */
@Controller
final class DashboardController {

    @Get
    HttpResponse<?> root(HttpRequest<?> request) {
        String query = request.getUri().getRawQuery();
        return HttpResponse.seeOther(URI.create("/dashboard/index.html" + (query == null ? "" : "?" + query)));
    }
}
