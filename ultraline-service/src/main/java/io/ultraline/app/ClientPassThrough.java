package io.ultraline.app;

import io.micronaut.context.env.Environment;
import io.micronaut.core.naming.conventions.StringConvention;
import io.ultraline.serde.SerdeConfig;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Client settings passed through unchanged: {@code ultraline.kafka.properties.<key>} to the
 * streams client (and so to its consumers, producers and admin, with Kafka Streams' own
 * {@code consumer.}/{@code producer.}/{@code admin.}/{@code topic.} prefixes) and
 * {@code ultraline.registry.properties.<key>} to the serdes. An environment variable
 * {@code ULTRALINE_KAFKA_PROPERTIES_NUM_STANDBY_REPLICAS=1} sets {@code num.standby.replicas}
 * (underscores become dots; Kafka's and the serdes' keys have no underscores or hyphens).
 *
 * <p>Checked at start: a key no client knows is named (a typo would otherwise be ignored with a
 * log line), and so is a key one of the named settings owns (they would silently disagree).
 */
public record ClientPassThrough(Map<String, String> kafka, Map<String, String> registry) {

    static final String KAFKA_PREFIX = "ultraline.kafka.properties";
    static final String REGISTRY_PREFIX = "ultraline.registry.properties";

    /** Keys the named ultraline.kafka.* settings set, with the setting to use instead. */
    private static final Map<String, String> OWNED = Map.ofEntries(
            Map.entry("bootstrap.servers", "ultraline.kafka.bootstrap-servers (KAFKA_BOOTSTRAP_SERVERS)"),
            Map.entry("application.id", "ultraline.kafka.application-id (ULTRALINE_APPLICATION_ID)"),
            Map.entry("application.server", "ultraline.kafka.advertised-endpoint (ULTRALINE_ADVERTISED_ENDPOINT)"),
            Map.entry("state.dir", "ultraline.kafka.state-dir (ULTRALINE_STATE_DIR)"),
            Map.entry("num.stream.threads", "ultraline.kafka.stream-threads (ULTRALINE_STREAM_THREADS)"),
            Map.entry("session.timeout.ms", "ultraline.kafka.session-timeout-ms (ULTRALINE_SESSION_TIMEOUT_MS)"),
            Map.entry(
                    "consumer.session.timeout.ms", "ultraline.kafka.session-timeout-ms (ULTRALINE_SESSION_TIMEOUT_MS)"),
            Map.entry("schema.registry.url", "ultraline.registry.url (SCHEMA_REGISTRY_URL)"));

    private static final Set<String> CONSUMER_PREFIXES =
            Set.of("consumer.", "main.consumer.", "restore.consumer.", "global.consumer.");

    public ClientPassThrough {
        kafka = Map.copyOf(kafka);
        registry = Map.copyOf(registry);
    }

    static ClientPassThrough none() {
        return new ClientPassThrough(Map.of(), Map.of());
    }

    /** The keys under both prefixes in the configuration (application.yml, -D) and the environment. */
    static ClientPassThrough from(Environment environment) {
        return from(environment, System.getenv());
    }

    static ClientPassThrough from(Environment environment, Map<String, String> env) {
        return new ClientPassThrough(keys(environment, KAFKA_PREFIX, env), keys(environment, REGISTRY_PREFIX, env));
    }

    /**
     * The flat keys under {@code prefix}, then those of the environment variables named
     * {@code PREFIX_KEY} (Micronaut does not list environment variables under a prefix, so they
     * are read here; like Micronaut's, they win over application.yml).
     */
    static Map<String, String> keys(Environment environment, String prefix, Map<String, String> env) {
        Map<String, String> out = new TreeMap<>();
        environment.getProperties(prefix, StringConvention.RAW).forEach((k, v) -> {
            if (v != null && !(v instanceof Map)) {
                out.put(k, v.toString());
            }
        });
        String variable = env(prefix, "");
        env.forEach((name, value) -> {
            if (name.startsWith(variable) && name.length() > variable.length()) {
                out.put(
                        name.substring(variable.length())
                                .toLowerCase(Locale.ROOT)
                                .replace('_', '.'),
                        value);
            }
        });
        return out;
    }

    void check(SettingsProblems problems) {
        Set<String> known = kafkaKeys();
        kafka.keySet().forEach(k -> {
            if (OWNED.containsKey(k)) {
                problems.add(KAFKA_PREFIX + "." + k + ": set it with " + OWNED.get(k));
            } else if (!knownKafka(k, known)) {
                problems.add(KAFKA_PREFIX + "." + k + " (" + env(KAFKA_PREFIX, k) + ") is not a setting of Kafka "
                        + "Streams, its consumers, producers or admin client, or of a topic with the topic. prefix");
            }
        });
        Set<String> serde = SerdeConfig.configDef().names();
        registry.keySet().forEach(k -> {
            if (OWNED.containsKey(k)) {
                problems.add(REGISTRY_PREFIX + "." + k + ": set it with " + OWNED.get(k));
            } else if (!serde.contains(k)) {
                problems.add(REGISTRY_PREFIX + "." + k + " (" + env(REGISTRY_PREFIX, k) + ") is not a serde setting; "
                        + "known: " + new java.util.TreeSet<>(serde));
            }
        });
    }

    /** The pass-through keys an admin client takes (the streams-level and other clients' are left out). */
    Map<String, Object> forAdmin() {
        Set<String> admin = AdminClientConfig.configNames();
        Map<String, Object> out = new LinkedHashMap<>();
        kafka.forEach((k, v) -> {
            if (admin.contains(k)) {
                out.put(k, v);
            }
        });
        kafka.forEach((k, v) -> {
            if (k.startsWith("admin.") && admin.contains(k.substring("admin.".length()))) {
                out.put(k.substring("admin.".length()), v);
            }
        });
        return out;
    }

    private static boolean knownKafka(String key, Set<String> unprefixed) {
        if (unprefixed.contains(key)) {
            return true;
        }
        for (String p : CONSUMER_PREFIXES) {
            if (key.startsWith(p) && ConsumerConfig.configNames().contains(key.substring(p.length()))) {
                return true;
            }
        }
        return key.startsWith("producer.") && ProducerConfig.configNames().contains(key.substring("producer.".length()))
                || key.startsWith("admin.")
                        && AdminClientConfig.configNames().contains(key.substring("admin.".length()))
                || key.startsWith("topic.") && topicKeys().contains(key.substring("topic.".length()));
    }

    private static Set<String> kafkaKeys() {
        Set<String> out = new HashSet<>(StreamsConfig.configDef().names());
        for (Set<String> s :
                List.of(ConsumerConfig.configNames(), ProducerConfig.configNames(), AdminClientConfig.configNames())) {
            out.addAll(s);
        }
        return out;
    }

    /** TopicConfig's {@code *_CONFIG} constants: the topic-level settings Kafka Streams passes on for internal topics. */
    private static Set<String> topicKeys() {
        Set<String> out = new HashSet<>();
        for (Field f : TopicConfig.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getName().endsWith("_CONFIG") && f.getType() == String.class) {
                try {
                    out.add((String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return out;
    }

    static String env(String prefix, String key) {
        return (prefix + "." + key).toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
