package io.ultraline.app;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks another instance of the application for what it holds (interactive queries are local):
 * the same API path with {@code local=true}, so the peer answers from its own stores and never
 * forwards again, with this service's bearer token when security is on.
 */
@Singleton
public final class PeerClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final SecurityConfig security;

    PeerClient(ServiceSettings settings) {
        this.security = settings.security();
    }

    /** A peer's answer: HTTP status, content type and body. */
    public record Answer(int status, String contentType, byte[] body) {
    }

    /** The peer's answer, or empty when it could not be reached. */
    public Optional<Answer> get(HostInfo peer, String pathAndQuery) {
        String sep = pathAndQuery.contains("?") ? "&" : "?";
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://" + peer.host() + ":" + peer.port() + pathAndQuery + sep + "local=true"))
                .timeout(TIMEOUT).GET();
        if (security.enabled()) {
            request.header("Authorization", "Bearer " + security.token().trim());
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return Optional.of(new Answer(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse("application/octet-stream"), response.body()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
