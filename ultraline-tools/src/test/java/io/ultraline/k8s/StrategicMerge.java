package io.ultraline.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;

/**
 * The part of Kubernetes' strategic merge patch that the overlays use: mappings merge field by
 * field, a null deletes, lists of containers, env, volumes and volume mounts merge by their key,
 * and the lists Kubernetes declares atomic are replaced. Any other list in a patch of a built-in
 * kind is refused rather than guessed at. Custom resources have no patch schema, so kustomize
 * replaces their lists; so does this.
 */
final class StrategicMerge {

    /** Lists Kubernetes merges item by item, with the field that identifies an item. */
    private static final Map<String, String> MERGE_KEYS = Map.of(
            "containers", "name",
            "initContainers", "name",
            "env", "name",
            "volumes", "name",
            "volumeMounts", "mountPath");

    /** Lists without a patch strategy in the Kubernetes API: a patch replaces them whole. */
    private static final Set<String> ATOMIC_LISTS =
            Set.of("tolerations", "args", "command", "accessModes", "policyTypes", "drop", "add");

    private StrategicMerge() {}

    /** Applies {@code patch} to {@code target} in place. */
    static void apply(ObjectNode target, ObjectNode patch, boolean builtInKind) {
        merge(target, patch, builtInKind, "");
    }

    private static void merge(ObjectNode target, ObjectNode patch, boolean builtIn, String path) {
        for (var it = patch.fields(); it.hasNext(); ) {
            var field = it.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            String at = path + "/" + name;
            if (name.startsWith("$")) {
                throw new IllegalArgumentException("patch directive " + name + " at " + at + " is not supported");
            }
            JsonNode current = target.get(name);
            if (value.isNull()) {
                target.remove(name);
            } else if (value.isObject() && current != null && current.isObject()) {
                merge((ObjectNode) current, (ObjectNode) value, builtIn, at);
            } else if (value.isArray() && current != null && current.isArray() && builtIn) {
                target.set(name, mergeList(name, (ArrayNode) current, (ArrayNode) value, at));
            } else {
                target.set(name, value.deepCopy());
            }
        }
    }

    private static ArrayNode mergeList(String name, ArrayNode current, ArrayNode patch, String at) {
        if (ATOMIC_LISTS.contains(name)) {
            return patch.deepCopy();
        }
        String key = MERGE_KEYS.get(name);
        if (key == null) {
            throw new IllegalArgumentException("list " + at + ": its patch strategy is not modelled here");
        }
        // kustomize's order: the patch's items first, in patch order (merged into their originals),
        // then the originals the patch does not mention, in their order
        ArrayNode merged = current.arrayNode();
        Set<JsonNode> mentioned = new java.util.HashSet<>();
        for (JsonNode item : patch) {
            JsonNode id = item.get(key);
            if (!item.isObject() || id == null) {
                throw new IllegalArgumentException("list " + at + ": every item needs its merge key " + key);
            }
            mentioned.add(id);
            ObjectNode result = (ObjectNode) item.deepCopy();
            for (JsonNode candidate : current) {
                if (id.equals(candidate.get(key))) {
                    result = (ObjectNode) candidate.deepCopy();
                    merge(result, (ObjectNode) item, true, at + "[" + key + "=" + id.asText() + "]");
                }
            }
            merged.add(result);
        }
        for (JsonNode candidate : current) {
            if (!mentioned.contains(candidate.get(key))) {
                merged.add(candidate.deepCopy());
            }
        }
        return merged;
    }
}
