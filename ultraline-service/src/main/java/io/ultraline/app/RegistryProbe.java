package io.ultraline.app;

import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Whether the schema registry answers: {@code GET <url>/subjects} with the configured credentials,
 * remembered for a few seconds so that health polls do not load the registry.
 */
@Singleton
public final class RegistryProbe {

    private static final Duration REMEMBER = Duration.ofSeconds(5);
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final RegistryConfig registry;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private volatile long checkedAt = Long.MIN_VALUE;
    private volatile String problem = "not checked yet";

    RegistryProbe(ServiceSettings settings) {
        this.registry = settings.registry();
    }

    /** Null when the registry answered, else what went wrong (URL credentials masked: health shows it). */
    public String problem() {
        long now = System.nanoTime();
        if (checkedAt == Long.MIN_VALUE || now - checkedAt > REMEMBER.toNanos()) {
            problem = Redaction.urls(probe());
            checkedAt = now;
        }
        return problem;
    }

    private String probe() {
        String last = null;
        for (String url : registry.url().split(",")) {
            String base = url.trim().replaceAll("/+$", "");
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/subjects"))
                    .timeout(TIMEOUT)
                    .GET();
            String auth = KafkaSettings.text(registry.basicAuthUserInfo());
            if (!auth.isEmpty()) {
                request.header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(auth.getBytes(StandardCharsets.UTF_8)));
            }
            try {
                HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return null;
                }
                last = base + " answered HTTP " + response.statusCode();
            } catch (java.io.IOException e) {
                last = base + " unreachable: " + e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
        return last;
    }
}
