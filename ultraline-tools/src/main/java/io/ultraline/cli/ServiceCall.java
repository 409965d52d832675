package io.ultraline.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * Options and one POST of the commands that act through the service's HTTP API (feedback needs the
 * service's recent frames): its base URL and the operator token.
 */
final class ServiceCall {

    @Option(
            names = "--service",
            defaultValue = "http://127.0.0.1:8080",
            description = "the service's base URL (default ${DEFAULT-VALUE})")
    URI service;

    @Option(
            names = "--token-file",
            description = "file holding the API token (default: env ULTRALINE_API_TOKEN; neither: no token)")
    Path tokenFile;

    /** The answer: HTTP status and body. */
    record Answer(int status, String body) {}

    Answer post(String path, String json) throws IOException, InterruptedException {
        String base = service.toString().endsWith("/") ? service.toString() : service + "/";
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        String token = token();
        if (token != null) {
            req.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .build()
                .send(req.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private String token() throws IOException {
        if (tokenFile != null) {
            return Files.readString(tokenFile).strip();
        }
        String env = System.getenv("ULTRALINE_API_TOKEN");
        return env == null || env.isBlank() ? null : env.strip();
    }
}
