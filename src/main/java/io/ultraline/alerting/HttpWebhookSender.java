package io.ultraline.alerting;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * POSTs alerts to one webhook URL with {@link HttpClient}: {@code Content-Type: application/json},
 * {@code Idempotency-Key}, a connect and a response timeout. Redirects are not followed.
 */
public final class HttpWebhookSender implements WebhookSender {

    /** Request header that carries {@link AlertJson#idempotencyKey}. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final HttpClient client;
    private final URI webhook;
    private final Duration timeout;

    /**
     * @param webhook an absolute http or https URL
     * @param timeout connect timeout, and the time the whole response may take
     */
    public HttpWebhookSender(URI webhook, Duration timeout) {
        Objects.requireNonNull(webhook, "webhook");
        Objects.requireNonNull(timeout, "timeout");
        if (!webhook.isAbsolute() || !("http".equals(webhook.getScheme()) || "https".equals(webhook.getScheme()))) {
            throw new IllegalArgumentException("webhook must be an absolute http or https URL, got " + webhook);
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        this.webhook = webhook;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public int post(String idempotencyKey, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(webhook)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header(IDEMPOTENCY_KEY, idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Override
    public String toString() {
        return webhook.toString();
    }
}
