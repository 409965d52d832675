package io.ultraline.cli;

import io.ultraline.serde.SerdeConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Option;

/**
 * Options of the commands that read the pipeline's topics (alerts, audit): where Kafka and the
 * registry are, the topic prefix, and Kafka client security settings from a properties file.
 */
final class KafkaConnectionOptions {

    @Option(names = "--bootstrap-servers", required = true, description = "Kafka bootstrap servers")
    String bootstrapServers;

    @Option(
            names = "--registry-url",
            required = true,
            description = "schema registry URL(s), Confluent API (e.g. http://host:8081)")
    String registryUrl;

    @Option(names = "--topic-prefix", defaultValue = "", description = "prefix of the topic names (default none)")
    String topicPrefix;

    @Option(
            names = "--client-config",
            description = "Kafka client properties file (security.protocol, sasl.*, ssl.*, ...)")
    Path clientConfigFile;

    /** The properties file's settings plus bootstrap.servers. */
    Map<String, Object> clientConfig() throws IOException {
        Map<String, Object> config = new HashMap<>();
        if (clientConfigFile != null) {
            Properties props = new Properties();
            try (InputStream in = Files.newInputStream(clientConfigFile)) {
                props.load(in);
            }
            props.forEach((k, v) -> config.put(k.toString(), v));
        }
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    Map<String, Object> serdeConfig() {
        return Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
    }

    String topic(String name) {
        return topicPrefix + name;
    }
}
