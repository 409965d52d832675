package io.ultraline.alerting;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * POSTs alerts to one webhook URL with {@link HttpClient}: {@code Content-Type: application/json},
 * {@code Idempotency-Key}, with a signer also {@value WebhookSigner#HEADER} (signed anew for every
 * attempt, so its timestamp is the time of sending), a connect and a response timeout. Redirects
 * are not followed. The URL is shown only as {@link WebhookUrls#redacted}.
 */
public final class HttpWebhookSender implements WebhookSender {

    /** Request header that carries {@link AlertJson#idempotencyKey}. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final HttpClient client;
    private final URI webhook;
    private final Duration timeout;
    private final Optional<WebhookSigner> signer;
    private final Clock clock;

    /** An unsigned sender. */
    public HttpWebhookSender(URI webhook, Duration timeout) {
        this(webhook, timeout, Optional.empty(), Clock.systemUTC());
    }

    /**
     * @param webhook an absolute http or https URL
     * @param timeout connect timeout, and the time the whole response may take
     * @param signer  signs each request when present
     * @param clock   the signature's timestamp
     */
    public HttpWebhookSender(URI webhook, Duration timeout, Optional<WebhookSigner> signer, Clock clock) {
        Objects.requireNonNull(webhook, "webhook");
        Objects.requireNonNull(timeout, "timeout");
        if (!webhook.isAbsolute() || !("http".equals(webhook.getScheme()) || "https".equals(webhook.getScheme()))) {
            throw new IllegalArgumentException(
                    "webhook must be an absolute http or https URL, got " + WebhookUrls.redacted(webhook));
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        this.webhook = webhook;
        this.timeout = timeout;
        this.signer = Objects.requireNonNull(signer, "signer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public int post(String idempotencyKey, String json) throws IOException, InterruptedException {
        // the signature covers these exact bytes, so they are what is sent
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(webhook)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header(IDEMPOTENCY_KEY, idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signer.ifPresent(
                s -> request.header(WebhookSigner.HEADER, s.sign(clock.instant().getEpochSecond(), body)));
        return client.send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** Whether requests carry a signature. */
    public boolean signs() {
        return signer.isPresent();
    }

    @Override
    public String toString() {
        return WebhookUrls.redacted(webhook) + (signer.isPresent() ? " (signed)" : "");
    }
}
