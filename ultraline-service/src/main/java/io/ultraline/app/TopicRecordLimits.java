package io.ultraline.app;

import io.micronaut.context.exceptions.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Checks at start-up that each output topic accepts the largest record the pipeline is configured
 * to write to it. The pipeline dead-letters a frame whose outputs pass {@code outputs.max-record-bytes}
 * rather than letting Kafka refuse them (a refusal under exactly_once_v2 fails the client, again
 * after every restart); that guard only holds while the topics' {@code max.message.bytes} is at
 * least the setting, so a smaller topic limit stops start-up with a message naming both.
 */
final class TopicRecordLimits {

    private TopicRecordLimits() {}

    /**
     * @param admin    a connected admin client
     * @param required the bytes each topic must accept, with the setting that asks for them
     * @throws ConfigurationException naming every topic whose limit is smaller
     */
    static void check(Admin admin, Map<String, Required> required, long timeoutSeconds)
            throws ExecutionException, InterruptedException, TimeoutException {
        List<ConfigResource> resources = required.keySet().stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t))
                .toList();
        Map<ConfigResource, Config> configs =
                admin.describeConfigs(resources).all().get(timeoutSeconds, TimeUnit.SECONDS);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<ConfigResource, Config> e : configs.entrySet()) {
            ConfigEntry entry = e.getValue().get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            if (entry == null || entry.value() == null) {
                continue;
            }
            long limit = Long.parseLong(entry.value());
            Required r = required.get(e.getKey().name());
            if (limit < r.bytes()) {
                problems.add(e.getKey().name() + " accepts records of at most " + limit + " bytes (max.message.bytes) "
                        + "but " + r.setting() + " is " + r.bytes());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException("ultraline cannot start: " + String.join("; ", problems)
                    + " (lower the setting, or raise the topic's max.message.bytes; topology-docs/topics.md)");
        }
    }

    /** The bytes a topic must accept and the setting (with its variable) that asks for them. */
    record Required(long bytes, String setting) {}
}
