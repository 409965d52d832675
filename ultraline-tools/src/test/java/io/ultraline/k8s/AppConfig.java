package io.ultraline.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the manifests need to know of {@code ultraline-service/src/main/resources/application.yml}, the app's
 * configuration contract: the environment variables it reads (its {@code ${NAME:default}}
 * placeholders), the HTTP port and the management endpoint paths.
 */
record AppConfig(
        Map<String, String> envDefaults,
        int httpPort,
        String livenessPath,
        String readinessPath,
        String prometheusPath) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)(?::([^}]*))?}");

    static AppConfig read(Path applicationYml) {
        String text;
        try {
            text = Files.readString(applicationYml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> env = new LinkedHashMap<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            env.put(m.group(1), m.group(2) == null ? "" : m.group(2));
        }
        JsonNode root = Yaml.document(applicationYml);
        int port = Integer.parseInt(
                resolve(root.path("micronaut").path("server").path("port").asText("8080"), env));
        String context = resolve(
                root.path("micronaut").path("server").path("context-path").asText(""), env);
        // Micronaut's management endpoints sit under endpoints.all.path ("/" unless set)
        String base = join(
                context, resolve(root.path("endpoints").path("all").path("path").asText("/"), env));
        String health = enabled(root, "health") ? join(base, "health") : null;
        return new AppConfig(
                env,
                port,
                health == null ? null : health + "/liveness",
                health == null ? null : health + "/readiness",
                enabled(root, "prometheus") ? join(base, "prometheus") : null);
    }

    private static boolean enabled(JsonNode root, String endpoint) {
        return root.path("endpoints").path(endpoint).path("enabled").asBoolean(false);
    }

    /** The value of a setting given as a placeholder: its default (the manifests may override it). */
    private static String resolve(String value, Map<String, String> env) {
        Matcher m = PLACEHOLDER.matcher(value);
        return m.matches() ? (m.group(2) == null ? "" : m.group(2)) : value;
    }

    private static String join(String a, String b) {
        String s = ("/" + a + "/" + b).replaceAll("/+", "/");
        return s.length() > 1 && s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
