package io.ultraline.app;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks another instance of the application for what it holds (interactive queries are local):
 * the same API path with {@code local=true}, so the peer answers from its own stores and never
 * forwards again. Only hosts that {@link PeerHosts} allows are asked, and with security on they get
 * the peer token, never the API token: a peer token grants nothing but these reads. Without a peer
 * token, security on means no forwarding.
 */
@Singleton
public final class PeerClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final SecurityConfig security;
    private final PeerHosts hosts;

    @Inject
    PeerClient(ServiceSettings settings) {
        this(settings.security(), hostOf(KafkaSettings.text(settings.kafka().advertisedEndpoint())));
    }

    PeerClient(SecurityConfig security, String selfHost) {
        this.security = security;
        this.hosts = PeerHosts.of(security.peerHosts(), selfHost);
    }

    /** What came back from a peer, or why nothing did. */
    public sealed interface Reply permits Answer, Failure {}

    /** A peer's answer: HTTP status, content type and body. */
    public record Answer(int status, String contentType, byte[] body) implements Reply {}

    /**
     * No answer: the status to give the caller (503 when this instance refuses to ask the peer, 502
     * when the peer failed) and why.
     */
    public record Failure(int status, String reason) implements Reply {}

    public Reply get(HostInfo peer, String pathAndQuery) {
        String peerName = peer.host() + ":" + peer.port();
        var refusal = hosts.refusal(peer.host());
        if (refusal.isPresent()) {
            return new Failure(503, refusal.get());
        }
        if (security.enabled() && security.peer().isEmpty()) {
            return new Failure(
                    503,
                    "forwarding to " + peerName + " needs a peer token: set "
                            + "ultraline.security.peer-token (ULTRALINE_PEER_TOKEN), the same on every instance");
        }
        String sep = pathAndQuery.contains("?") ? "&" : "?";
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://" + peerName + pathAndQuery + sep + "local=true"))
                .timeout(TIMEOUT)
                .GET();
        if (security.enabled()) {
            request.header("Authorization", "Bearer " + security.peer());
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                return new Failure(
                        502,
                        peerName + " refused this instance's peer token (HTTP " + response.statusCode()
                                + "): ULTRALINE_PEER_TOKEN must be the same on every instance");
            }
            return new Answer(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse("application/octet-stream"),
                    response.body());
        } catch (IOException e) {
            return new Failure(
                    502, peerName + " did not answer: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failure(502, "interrupted while asking " + peerName);
        }
    }

    private static String hostOf(String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        return colon < 0 ? endpoint : endpoint.substring(0, colon);
    }
}
