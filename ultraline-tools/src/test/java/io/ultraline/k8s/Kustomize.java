package io.ultraline.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Renders a kustomization the way {@code kustomize build} does, for exactly the features the
 * project's manifests use: {@code resources} (files and directories), {@code patches} (strategic
 * merge, from a file, target found by kind and name), {@code namespace}, {@code labels} (metadata
 * labels only), {@code images}, {@code configMapGenerator} (files, without the name hash) and
 * {@code replacements} ({@link Replacements}); objects annotated
 * {@code config.kubernetes.io/local-config: "true"} serve as replacement sources and are left out
 * of the result, as kustomize does. Anything else in a kustomization.yaml is refused, so a new
 * feature cannot slip past the checks half-understood. No kustomize binary comes from Debian or
 * npm; where kubectl is installed, {@code KustomizeTest} compares this with {@code kubectl kustomize}.
 */
final class Kustomize {

    private static final Set<String> SUPPORTED = Set.of(
            "apiVersion",
            "kind",
            "resources",
            "patches",
            "namespace",
            "labels",
            "images",
            "configMapGenerator",
            "replacements");

    /** Kinds that live outside any namespace (the namespace field leaves them alone). */
    private static final Set<String> CLUSTER_SCOPED = Set.of(
            "Namespace",
            "ClusterRole",
            "ClusterRoleBinding",
            "CustomResourceDefinition",
            "PersistentVolume",
            "StorageClass",
            "PriorityClass");

    private Kustomize() {}

    /** The objects a kustomization directory renders to, in resource order. */
    static List<ObjectNode> build(Path dir) {
        return accumulate(dir).stream()
                .filter(o -> !o.at("/metadata/annotations/config.kubernetes.io~1local-config")
                        .asText()
                        .equals("true"))
                .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
    }

    /** The objects of {@code dir} with local-config ones kept: a parent's replacements may read them. */
    private static List<ObjectNode> accumulate(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(dir + ": no kustomization.yaml");
        }
        ObjectNode k = Yaml.document(file);
        k.fieldNames().forEachRemaining(name -> {
            if (!SUPPORTED.contains(name)) {
                throw new IllegalArgumentException(file + ": field '" + name + "' is not supported by this renderer");
            }
        });
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode r : array(k, "resources")) {
            Path p = dir.resolve(r.asText()).normalize();
            if (Files.isDirectory(p)) {
                objects.addAll(accumulate(p));
            } else if (Files.isRegularFile(p)) {
                objects.addAll(Yaml.documents(p));
            } else {
                throw new IllegalArgumentException(file + ": resource " + r.asText() + " does not exist");
            }
        }
        for (JsonNode generator : array(k, "configMapGenerator")) {
            objects.add(ConfigMapGenerator.generate(dir, file, generator));
        }
        for (JsonNode patch : array(k, "patches")) {
            applyPatch(dir, file, patch, objects);
        }
        if (k.hasNonNull("namespace")) {
            String ns = k.get("namespace").asText();
            for (ObjectNode o : objects) {
                if (!CLUSTER_SCOPED.contains(o.path("kind").asText())) {
                    metadata(o).put("namespace", ns);
                }
            }
        }
        for (JsonNode label : array(k, "labels")) {
            addLabels(file, label, objects);
        }
        for (JsonNode image : array(k, "images")) {
            setImage(file, image, objects);
        }
        for (JsonNode replacement : array(k, "replacements")) {
            Replacements.apply(file, replacement, objects);
        }
        return new ArrayList<>(objects);
    }

    private static void applyPatch(Path dir, Path file, JsonNode entry, List<ObjectNode> objects) {
        if (!entry.isObject() || !entry.hasNonNull("path") || entry.size() != 1) {
            throw new IllegalArgumentException(
                    file + ": only patches with a path (and nothing else) are supported: " + entry);
        }
        ObjectNode patch = Yaml.document(dir.resolve(entry.get("path").asText()));
        String kind = patch.path("kind").asText();
        String name = patch.path("metadata").path("name").asText();
        String group = group(patch.path("apiVersion").asText());
        List<ObjectNode> targets = objects.stream()
                .filter(o -> o.path("kind").asText().equals(kind)
                        && o.path("metadata").path("name").asText().equals(name)
                        && group(o.path("apiVersion").asText()).equals(group))
                .toList();
        if (targets.size() != 1) {
            throw new IllegalArgumentException(
                    file + ": patch " + entry.get("path").asText() + " matches " + targets.size() + " objects (" + kind
                            + " " + name + "), expected one");
        }
        boolean builtIn = !group.contains(".") || group.endsWith(".k8s.io");
        StrategicMerge.apply(targets.get(0), patch, builtIn);
    }

    private static void addLabels(Path file, JsonNode entry, List<ObjectNode> objects) {
        entry.fieldNames().forEachRemaining(name -> {
            boolean off = entry.get(name).isBoolean() && !entry.get(name).asBoolean();
            if (!name.equals("pairs") && !off) {
                throw new IllegalArgumentException(
                        file + ": labels." + name + " is not supported (metadata labels only)");
            }
        });
        for (ObjectNode o : objects) {
            ObjectNode labels = metadata(o).withObjectProperty("labels");
            entry.path("pairs")
                    .fields()
                    .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        }
    }

    private static void setImage(Path file, JsonNode entry, List<ObjectNode> objects) {
        String name = entry.path("name").asText();
        if (name.isEmpty()) {
            throw new IllegalArgumentException(file + ": an images entry needs a name");
        }
        for (ObjectNode o : objects) {
            JsonNode podSpec = o.path("spec").path("template").path("spec");
            for (String list : List.of("containers", "initContainers")) {
                for (JsonNode c : podSpec.path(list)) {
                    String image = c.path("image").asText();
                    if (!repository(image).equals(name)) {
                        continue;
                    }
                    String repo =
                            entry.hasNonNull("newName") ? entry.get("newName").asText() : repository(image);
                    String tag = entry.hasNonNull("newTag")
                            ? ":" + entry.get("newTag").asText()
                            : image.substring(repository(image).length());
                    ((ObjectNode) c).put("image", repo + tag);
                }
            }
        }
    }

    /** The image reference without its tag or digest. */
    static String repository(String image) {
        int at = image.indexOf('@');
        String noDigest = at < 0 ? image : image.substring(0, at);
        int colon = noDigest.lastIndexOf(':');
        return colon > noDigest.lastIndexOf('/') ? noDigest.substring(0, colon) : noDigest;
    }

    static String group(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    private static ObjectNode metadata(ObjectNode o) {
        return o.withObjectProperty("metadata");
    }

    private static ArrayNode array(ObjectNode k, String field) {
        JsonNode n = k.get(field);
        if (n == null || n.isNull()) {
            return k.arrayNode();
        }
        if (!n.isArray()) {
            throw new IllegalArgumentException("kustomization field " + field + " must be a list");
        }
        return (ArrayNode) n;
    }
}
