package io.ultraline.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * A kustomize {@code configMapGenerator} entry with {@code files} (each file's name is its key)
 * and {@code options.labels}. Only with {@code options.disableNameSuffixHash: true}: the hashed
 * name is kustomize's own algorithm, and what refers to the ConfigMap (Grafana's sidecar finds it
 * by label) needs no stable name here anyway.
 */
final class ConfigMapGenerator {

    private static final Set<String> FIELDS = Set.of("name", "files", "options");
    private static final Set<String> OPTIONS = Set.of("disableNameSuffixHash", "labels");

    private ConfigMapGenerator() {}

    static ObjectNode generate(Path dir, Path kustomization, JsonNode entry) {
        entry.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException(kustomization + ": configMapGenerator." + f + " is not supported");
            }
        });
        JsonNode options = entry.path("options");
        options.fieldNames().forEachRemaining(f -> {
            if (!OPTIONS.contains(f)) {
                throw new IllegalArgumentException(
                        kustomization + ": configMapGenerator options." + f + " is not supported");
            }
        });
        if (!options.path("disableNameSuffixHash").asBoolean(false)) {
            throw new IllegalArgumentException(
                    kustomization + ": configMapGenerator needs options.disableNameSuffixHash: true here");
        }
        String name = entry.path("name").asText();
        if (name.isEmpty()) {
            throw new IllegalArgumentException(kustomization + ": configMapGenerator entry needs a name");
        }
        ObjectNode cm = JsonNodeFactory.instance.objectNode();
        cm.put("apiVersion", "v1");
        cm.put("kind", "ConfigMap");
        ObjectNode metadata = cm.putObject("metadata");
        metadata.put("name", name);
        if (options.has("labels")) {
            metadata.set("labels", options.get("labels").deepCopy());
        }
        ObjectNode data = cm.putObject("data");
        for (JsonNode f : entry.path("files")) {
            String spec = f.asText();
            if (spec.contains("=")) {
                throw new IllegalArgumentException(kustomization + ": key=path files are not supported: " + spec);
            }
            Path file = dir.resolve(spec).normalize();
            try {
                data.put(file.getFileName().toString(), Files.readString(file));
            } catch (IOException e) {
                throw new UncheckedIOException(kustomization + ": configMapGenerator file " + spec, e);
            }
        }
        return cm;
    }
}
