package io.ultraline.app;

import io.micronaut.context.exceptions.ConfigurationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * Checks, before the streams client starts, that Kafka answers with the configured credentials and
 * that the input and output topics exist, so that a wrong password or a missing topic fails start-up
 * with a message instead of stream threads dying later.
 */
final class KafkaPreflight {

    private static final long TIMEOUT_SECONDS = 30;

    private KafkaPreflight() {}

    static void check(KafkaSettings kafka, Collection<String> topics) {
        check(kafka, topics, Map.of());
    }

    /**
     * As {@link #check(KafkaSettings, Collection)}, and that each topic in {@code recordLimits}
     * accepts records of the size given for it ({@link TopicRecordLimits}).
     */
    static void check(
            KafkaSettings kafka, Collection<String> topics, Map<String, TopicRecordLimits.Required> recordLimits) {
        check(kafka, Map.of(), topics, recordLimits);
    }

    /** As above, the admin client also given {@code passThrough} (login handlers, timeouts, ...). */
    static void check(
            KafkaSettings kafka,
            Map<String, Object> passThrough,
            Collection<String> topics,
            Map<String, TopicRecordLimits.Required> recordLimits) {
        Map<String, Object> config = new HashMap<>(passThrough);
        config.putAll(kafka.clientConfig());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, kafka.applicationId() + "-preflight");
        String where = "Kafka at " + kafka.bootstrapServers() + " (ultraline.kafka.bootstrap-servers, "
                + "KAFKA_BOOTSTRAP_SERVERS; security.protocol " + config.getOrDefault("security.protocol", "PLAINTEXT")
                + ")";
        try (Admin admin = Admin.create(config)) {
            admin.describeCluster().clusterId().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<String> missing = new ArrayList<>();
            for (String t : topics) {
                if (!existing.contains(t)) {
                    missing.add(t);
                }
            }
            if (!missing.isEmpty()) {
                throw new ConfigurationException("ultraline cannot start: topics missing on " + where + ": "
                        + String.join(", ", missing) + " (create them as topology-docs/topics.md says, or check "
                        + "ultraline.kafka.topic-prefix, ULTRALINE_TOPIC_PREFIX)");
            }
            if (!recordLimits.isEmpty()) {
                TopicRecordLimits.check(admin, recordLimits, TIMEOUT_SECONDS);
            }
        } catch (ExecutionException e) {
            throw failure(where, e.getCause());
        } catch (TimeoutException e) {
            throw new ConfigurationException(
                    "ultraline cannot start: " + where + " did not answer within " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigurationException("ultraline cannot start: interrupted while contacting " + where, e);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw failure(where, e);
        }
    }

    private static ConfigurationException failure(String where, Throwable cause) {
        if (cause instanceof AuthenticationException) {
            return new ConfigurationException(
                    "ultraline cannot start: " + where + " rejected the credentials: "
                            + cause.getMessage() + " (check KAFKA_SASL_MECHANISM and KAFKA_SASL_JAAS_CONFIG, "
                            + "ultraline.kafka.sasl-*)",
                    cause);
        }
        if (cause instanceof AuthorizationException) {
            return new ConfigurationException(
                    "ultraline cannot start: " + where + " refused access: " + cause.getMessage(), cause);
        }
        return new ConfigurationException("ultraline cannot start: " + where + " failed: " + cause, cause);
    }
}
