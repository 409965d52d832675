package io.ultraline.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * kustomize {@code replacements}, inline, as far as the project uses them: a source selected by
 * kind and name with a {@code fieldPath}; targets selected by kind and optional name, with
 * {@code reject} by name, {@code fieldPaths} of map keys (a key with dots in brackets:
 * {@code metadata.labels.[strimzi.io/cluster]}), list indices and list elements by a field
 * ({@code env.[name=X]}), and the options
 * {@code delimiter}, {@code index} and {@code create}. Like kustomize, a field path that a target
 * lacks is an error unless {@code create} is set, so a renamed field cannot silently stop being set.
 */
final class Replacements {

    private static final Set<String> SELECT = Set.of("kind", "name");
    private static final Set<String> OPTIONS = Set.of("delimiter", "index", "create");

    private Replacements() {}

    static void apply(Path file, JsonNode replacement, List<ObjectNode> objects) {
        JsonNode source = replacement.path("source");
        only(file, source, Set.of("kind", "name", "fieldPath"), "source");
        List<ObjectNode> sources = select(file, source, List.of(), objects);
        if (sources.size() != 1) {
            throw new IllegalArgumentException(
                    file + ": replacement source " + source + " matches " + sources.size() + " objects, expected one");
        }
        String value = text(file, sources.get(0), source.path("fieldPath").asText());
        for (JsonNode target : replacement.path("targets")) {
            only(file, target, Set.of("select", "reject", "fieldPaths", "options"), "target");
            only(file, target.path("select"), SELECT, "select");
            JsonNode options = target.path("options");
            only(file, options, OPTIONS, "options");
            List<JsonNode> rejects = new ArrayList<>();
            target.path("reject").forEach(rejects::add);
            for (ObjectNode o : select(file, target.path("select"), rejects, objects)) {
                for (JsonNode fieldPath : target.path("fieldPaths")) {
                    set(file, o, fieldPath.asText(), value, options);
                }
            }
        }
    }

    private static List<ObjectNode> select(
            Path file, JsonNode selector, List<JsonNode> rejects, List<ObjectNode> objects) {
        rejects.forEach(r -> only(file, r, SELECT, "reject"));
        return objects.stream()
                .filter(o -> matches(selector, o) && rejects.stream().noneMatch(r -> matches(r, o)))
                .toList();
    }

    private static boolean matches(JsonNode selector, ObjectNode o) {
        return (!selector.has("kind")
                        || selector.get("kind").asText().equals(o.path("kind").asText()))
                && (!selector.has("name")
                        || selector.get("name")
                                .asText()
                                .equals(o.at("/metadata/name").asText()));
    }

    private static String text(Path file, ObjectNode o, String fieldPath) {
        JsonNode node = o;
        for (String segment : segments(fieldPath)) {
            node = child(node, segment);
        }
        if (!node.isValueNode()) {
            throw new IllegalArgumentException(file + ": replacement source field " + fieldPath + " is not a scalar");
        }
        return node.asText();
    }

    private static void set(Path file, ObjectNode o, String fieldPath, String value, JsonNode options) {
        List<String> segments = segments(fieldPath);
        JsonNode parent = o;
        for (String segment : segments.subList(0, segments.size() - 1)) {
            JsonNode next = child(parent, segment);
            if (next.isMissingNode() && options.path("create").asBoolean(false) && parent.isObject()) {
                next = ((ObjectNode) parent).putObject(segment);
            }
            if (next.isMissingNode()) {
                throw new IllegalArgumentException(file + ": unable to find field " + fieldPath
                        + " in replacement target " + o.path("kind").asText() + "/"
                        + o.at("/metadata/name").asText());
            }
            parent = next;
        }
        String last = segments.get(segments.size() - 1);
        JsonNode current = child(parent, last);
        if (current.isMissingNode() && !options.path("create").asBoolean(false)) {
            throw new IllegalArgumentException(file + ": unable to find field " + fieldPath + " in replacement target "
                    + o.path("kind").asText() + "/" + o.at("/metadata/name").asText());
        }
        String replaced = value;
        if (options.has("delimiter")) {
            String delimiter = options.get("delimiter").asText();
            List<String> parts =
                    new ArrayList<>(List.of(current.asText("").split(java.util.regex.Pattern.quote(delimiter), -1)));
            int index = options.path("index").asInt(0);
            if (index < 0) {
                parts.add(0, value);
            } else if (index >= parts.size()) {
                parts.add(value);
            } else {
                parts.set(index, value);
            }
            replaced = String.join(delimiter, parts);
        }
        if (parent.isArray()) {
            ((ArrayNode) parent).set(Integer.parseInt(last), TextNode.valueOf(replaced));
        } else {
            ((ObjectNode) parent).put(last, replaced);
        }
    }

    /** A map's field, a list's element by index or by {@code [field=value]}; missing when there is none. */
    private static JsonNode child(JsonNode node, String segment) {
        if (segment.startsWith("[") && segment.contains("=")) {
            String field = segment.substring(1, segment.indexOf('='));
            String value = segment.substring(segment.indexOf('=') + 1, segment.length() - 1);
            for (JsonNode element : node) {
                if (element.path(field).asText().equals(value)) {
                    return element;
                }
            }
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        return node.isArray() ? node.path(Integer.parseInt(segment)) : node.path(segment);
    }

    /** {@code a.b.[c.d].0.[name=x]} to [a, b, c.d, 0, [name=x]]. */
    static List<String> segments(String fieldPath) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < fieldPath.length()) {
            int end;
            if (fieldPath.charAt(i) == '[') {
                end = fieldPath.indexOf(']', i);
                if (end < 0) {
                    throw new IllegalArgumentException("field path " + fieldPath + ": unclosed [");
                }
                String inside = fieldPath.substring(i + 1, end);
                // [name=x] selects a list element by a field; keep the brackets to tell it from a key
                out.add(inside.contains("=") ? "[" + inside + "]" : inside);
                end++;
            } else {
                end = fieldPath.indexOf('.', i);
                end = end < 0 ? fieldPath.length() : end;
                String segment = fieldPath.substring(i, end);
                if (segment.equals("*")) {
                    throw new IllegalArgumentException("field path " + fieldPath + ": wildcards are not supported");
                }
                out.add(segment);
            }
            i = end + 1;
        }
        return out;
    }

    private static void only(Path file, JsonNode node, Set<String> allowed, String what) {
        node.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) {
                throw new IllegalArgumentException(
                        file + ": replacements " + what + "." + f + " is not supported by this renderer");
            }
        });
    }
}
