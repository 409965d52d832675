package io.ultraline.dev;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * An extra client listener of an {@link EmbeddedKafka} broker, next to its plain one.
 *
 * @param name listener name as it appears in {@code listeners} (upper case, e.g. {@code SASL})
 * @param protocol the security protocol clients speak on it
 * @param port fixed port on 127.0.0.1, or 0 for a free one chosen at first start
 * @param config listener-scoped broker settings without their {@code listener.name.<name>.}
 *     prefix, e.g. {@code sasl.enabled.mechanisms} or {@code plain.sasl.jaas.config}
 */
public record BrokerListener(String name, SecurityProtocol protocol, int port, Map<String, String> config) {

    /** Listener name that {@link #saslPlain(int, Map)} uses. */
    public static final String SASL_PLAIN = "SASL_PLAIN";

    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern JAAS_SAFE = Pattern.compile("[^\"\\\\;\\s]+");
    private static final String PLAIN_MODULE = "org.apache.kafka.common.security.plain.PlainLoginModule";

    public BrokerListener {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "Listener name must be upper case letters, digits and '_', got: " + name);
        }
        if (protocol == null) {
            throw new IllegalArgumentException("Listener " + name + " needs a security protocol");
        }
        if (protocol == SecurityProtocol.SSL || protocol == SecurityProtocol.SASL_SSL) {
            throw new IllegalArgumentException(
                    "Listener " + name + ": TLS listeners are not supported by EmbeddedKafka");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Listener " + name + ": port out of range: " + port);
        }
        config = Map.copyOf(config);
    }

    /**
     * A SASL_PLAINTEXT listener with the PLAIN mechanism that accepts exactly the given users.
     *
     * @param users user name to password; neither may contain quotes, backslashes, ';' or spaces
     */
    public static BrokerListener saslPlain(int port, Map<String, String> users) {
        if (users.isEmpty()) {
            throw new IllegalArgumentException("A SASL/PLAIN listener needs at least one user");
        }
        String credentials = users.entrySet().stream()
                .map(e -> "user_" + jaasSafe(e.getKey()) + "=\"" + jaasSafe(e.getValue()) + "\"")
                .collect(Collectors.joining(" "));
        Map<String, String> config = new LinkedHashMap<>();
        config.put("sasl.enabled.mechanisms", "PLAIN");
        config.put("plain." + SaslConfigs.SASL_JAAS_CONFIG, PLAIN_MODULE + " required " + credentials + ";");
        return new BrokerListener(SASL_PLAIN, SecurityProtocol.SASL_PLAINTEXT, port, config);
    }

    /** Client settings (without bootstrap servers) that log in to a SASL/PLAIN listener. */
    public static Map<String, Object> saslPlainClientConfig(String user, String password) {
        return Map.of(
                "security.protocol",
                SecurityProtocol.SASL_PLAINTEXT.name,
                SaslConfigs.SASL_MECHANISM,
                "PLAIN",
                SaslConfigs.SASL_JAAS_CONFIG,
                PLAIN_MODULE + " required username=\"" + jaasSafe(user) + "\" password=\"" + jaasSafe(password)
                        + "\";");
    }

    /** The broker settings this listener contributes, with their listener prefix. */
    Map<String, String> prefixedConfig() {
        String prefix = "listener.name." + name.toLowerCase(Locale.ROOT) + ".";
        Map<String, String> prefixed = new LinkedHashMap<>();
        config.forEach((key, value) -> prefixed.put(prefix + key, value));
        return prefixed;
    }

    private static String jaasSafe(String value) {
        if (value == null || !JAAS_SAFE.matcher(value).matches()) {
            throw new IllegalArgumentException("SASL/PLAIN user names and passwords must be non-empty without quotes, "
                    + "backslashes, ';' or spaces");
        }
        return value;
    }
}
