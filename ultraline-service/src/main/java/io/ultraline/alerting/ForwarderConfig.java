package io.ultraline.alerting;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@link AlertForwarder} needs, as values.
 *
 * @param clientConfig    Kafka client settings shared by its consumer and producer (bootstrap
 *                        servers, security); the forwarder adds the settings its guarantees rest on
 * @param serdeConfig     serde settings ({@code schema.registry.url}, ...)
 * @param alertsTopic     the topic to read, normally {@code line.alerts}
 * @param deadLetterTopic where undeliverable alerts go, normally {@code line.alerts.dlq}
 * @param groupId         consumer group; its committed offsets are where a restart resumes
 * @param autoOffsetReset where a group without committed offsets starts: {@code latest} or {@code earliest}
 * @param webhook         the URL alerts are POSTed to
 * @param policy          attempts and backoff per alert
 * @param requestTimeout  connect and response timeout of one request
 * @param signer          signs every request ({@link WebhookSigner#HEADER}) when present
 */
public record ForwarderConfig(
        Map<String, Object> clientConfig,
        Map<String, Object> serdeConfig,
        String alertsTopic,
        String deadLetterTopic,
        String groupId,
        String autoOffsetReset,
        URI webhook,
        WebhookRetryPolicy policy,
        Duration requestTimeout,
        Optional<WebhookSigner> signer) {

    /** Unsigned requests. */
    public ForwarderConfig(
            Map<String, Object> clientConfig,
            Map<String, Object> serdeConfig,
            String alertsTopic,
            String deadLetterTopic,
            String groupId,
            String autoOffsetReset,
            URI webhook,
            WebhookRetryPolicy policy,
            Duration requestTimeout) {
        this(
                clientConfig,
                serdeConfig,
                alertsTopic,
                deadLetterTopic,
                groupId,
                autoOffsetReset,
                webhook,
                policy,
                requestTimeout,
                Optional.empty());
    }

    public ForwarderConfig {
        clientConfig = Map.copyOf(Objects.requireNonNull(clientConfig, "clientConfig"));
        serdeConfig = Map.copyOf(Objects.requireNonNull(serdeConfig, "serdeConfig"));
        Objects.requireNonNull(alertsTopic, "alertsTopic");
        Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
        Objects.requireNonNull(webhook, "webhook");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(signer, "signer");
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalArgumentException("groupId must not be blank");
        }
        if (!"latest".equals(autoOffsetReset) && !"earliest".equals(autoOffsetReset)) {
            throw new IllegalArgumentException(
                    "autoOffsetReset must be 'latest' or 'earliest', got '" + autoOffsetReset + "'");
        }
        if (alertsTopic.equals(deadLetterTopic)) {
            throw new IllegalArgumentException("the dead-letter topic must differ from the alerts topic");
        }
    }

    /** The webhook URL is shown redacted: it often embeds a secret. */
    @Override
    public String toString() {
        return "ForwarderConfig[alertsTopic=" + alertsTopic + ", deadLetterTopic=" + deadLetterTopic + ", groupId="
                + groupId + ", webhook=" + WebhookUrls.redacted(webhook) + ", signed=" + signer.isPresent() + "]";
    }

    /**
     * The longest one alert can hold the consumer: every attempt timing out plus every backoff. The
     * consumer's {@code max.poll.interval.ms} must exceed this times {@code max.poll.records}.
     */
    public Duration worstCasePerAlert() {
        return requestTimeout.multipliedBy(policy.maxAttempts()).plus(policy.totalBackoff());
    }
}
