package io.ultraline.app;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

/**
 * Where the processor's Kafka is and how to talk to it ({@code ultraline.kafka.*}). SASL and SSL
 * settings pass through to every client of the streams application unchanged.
 *
 * @param bootstrapServers   {@code KAFKA_BOOTSTRAP_SERVERS}, required
 * @param applicationId      Kafka Streams application.id: instances with the same id share the work
 * @param stateDir           local state (RocksDB) directory, writable
 * @param streamThreads      stream threads of this instance
 * @param topicPrefix        prefix of every topic name, empty for the names of topics.md
 * @param advertisedEndpoint host:port other instances reach this one's HTTP API on; empty on a single instance
 * @param sessionTimeoutMs   consumer session timeout: how long a dead instance's partitions wait before
 *                           another takes them over (Kafka's default 45 s; the broker allows 6 s to 30 min)
 */
@ConfigurationProperties("ultraline.kafka")
public record KafkaSettings(
        String bootstrapServers,
        String applicationId,
        String stateDir,
        int streamThreads,
        String topicPrefix,
        String advertisedEndpoint,
        String securityProtocol,
        String saslMechanism,
        String saslJaasConfig,
        String sslTruststoreLocation,
        String sslTruststorePassword,
        String sslKeystoreLocation,
        String sslKeystorePassword,
        int sessionTimeoutMs) {

    /** Problems of these settings, each naming the property and its environment variable. */
    void check(SettingsProblems problems) {
        problems.requireText("ultraline.kafka.bootstrap-servers", "KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        problems.requireText("ultraline.kafka.application-id", "ULTRALINE_APPLICATION_ID", applicationId);
        problems.requireText("ultraline.kafka.state-dir", "ULTRALINE_STATE_DIR", stateDir);
        if (streamThreads < 1) {
            problems.add("ultraline.kafka.stream-threads (ULTRALINE_STREAM_THREADS) must be at least 1, got "
                    + streamThreads);
        }
        String protocol = text(securityProtocol).isEmpty() ? "PLAINTEXT" : securityProtocol.trim();
        if (!java.util.List.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL").contains(protocol)) {
            problems.add("ultraline.kafka.security-protocol (KAFKA_SECURITY_PROTOCOL) must be PLAINTEXT, SSL, "
                    + "SASL_PLAINTEXT or SASL_SSL, got '" + securityProtocol + "'");
        }
        if (protocol.startsWith("SASL")) {
            problems.requireText("ultraline.kafka.sasl-mechanism", "KAFKA_SASL_MECHANISM", saslMechanism);
            problems.requireText("ultraline.kafka.sasl-jaas-config", "KAFKA_SASL_JAAS_CONFIG", saslJaasConfig);
        }
        if (sessionTimeoutMs < 6_000 || sessionTimeoutMs > 1_800_000) {
            problems.add("ultraline.kafka.session-timeout-ms (ULTRALINE_SESSION_TIMEOUT_MS) must be between 6000 and "
                    + "1800000 (the broker's default bounds), got " + sessionTimeoutMs);
        }
        String endpoint = text(advertisedEndpoint);
        if (!endpoint.isEmpty() && !endpoint.matches("[^:/\\s]+:\\d{1,5}")) {
            problems.add("ultraline.kafka.advertised-endpoint (ULTRALINE_ADVERTISED_ENDPOINT) must be host:port, got '"
                    + advertisedEndpoint + "'");
        }
    }

    /** Without the JAAS line and store passwords: a record's own toString would print them when logged. */
    @Override
    public String toString() {
        return "KafkaSettings[bootstrapServers=" + bootstrapServers + ", applicationId=" + applicationId
                + ", stateDir=" + stateDir + ", streamThreads=" + streamThreads + ", topicPrefix=" + topicPrefix
                + ", advertisedEndpoint=" + advertisedEndpoint + ", securityProtocol=" + securityProtocol
                + ", saslMechanism=" + saslMechanism + ", saslJaasConfig=" + masked(saslJaasConfig)
                + ", sslTruststoreLocation=" + sslTruststoreLocation + ", sslTruststorePassword="
                + masked(sslTruststorePassword) + ", sslKeystoreLocation=" + sslKeystoreLocation
                + ", sslKeystorePassword=" + masked(sslKeystorePassword) + ", sessionTimeoutMs=" + sessionTimeoutMs
                + "]";
    }

    private static String masked(String secret) {
        return text(secret).isEmpty() ? "" : Redaction.MASK;
    }

    /** The client settings every Kafka client of the service gets: bootstrap servers and security. */
    Map<String, Object> clientConfig() {
        Map<String, Object> out = new HashMap<>();
        out.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers.trim());
        putIfSet(out, CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, securityProtocol);
        putIfSet(out, SaslConfigs.SASL_MECHANISM, saslMechanism);
        putIfSet(out, SaslConfigs.SASL_JAAS_CONFIG, saslJaasConfig);
        putIfSet(out, SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, sslTruststoreLocation);
        putIfSet(out, SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, sslTruststorePassword);
        putIfSet(out, SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, sslKeystoreLocation);
        putIfSet(out, SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, sslKeystorePassword);
        return out;
    }

    private static void putIfSet(Map<String, Object> out, String key, String value) {
        if (!text(value).isEmpty()) {
            out.put(key, value.trim());
        }
    }

    static String text(String value) {
        return value == null ? "" : value.trim();
    }
}
