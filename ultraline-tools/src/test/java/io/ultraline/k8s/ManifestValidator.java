package io.ultraline.k8s;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validates rendered objects the way the API server would refuse them, as far as a build can:
 * built-in kinds are read into the fabric8 Kubernetes models with no unknown field (fabric8 keeps
 * unknown fields in {@code additionalProperties}, which this walks), no scalar coerced across
 * types (a {@code "2"} for an integer, an unquoted {@code 8080} for a string) and the required
 * fields and references of {@link PodChecks}; custom resources (Strimzi, KEDA, Prometheus Operator)
 * by {@link CustomResourceChecks}. An unknown apiVersion/kind is a problem too.
 */
final class ManifestValidator {

    private static final Map<String, Class<? extends HasMetadata>> BUILT_IN = Map.of(
            "v1/Namespace", Namespace.class,
            "v1/ServiceAccount", ServiceAccount.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "apps/v1/StatefulSet", StatefulSet.class,
            "apps/v1/Deployment", Deployment.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class);

    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private static final ObjectMapper STRICT = strictMapper();

    private ManifestValidator() {}

    /** Every problem found, each prefixed with the object it is in; empty when all are valid. */
    static List<String> validate(List<ObjectNode> objects) {
        List<String> problems = new ArrayList<>();
        for (ObjectNode o : objects) {
            String id = o.path("kind").asText("?") + "/"
                    + o.path("metadata").path("name").asText("?");
            List<String> own = new ArrayList<>();
            validate(o, own);
            own.forEach(p -> problems.add(id + ": " + p));
        }
        return problems;
    }

    private static void validate(ObjectNode o, List<String> problems) {
        String apiVersion = o.path("apiVersion").asText();
        String kind = o.path("kind").asText();
        String name = o.path("metadata").path("name").asText();
        if (name.isEmpty()
                || name.length() > 253
                || !DNS_SUBDOMAIN.matcher(name).matches()) {
            problems.add("metadata.name '" + name + "' is not a DNS subdomain");
        }
        Class<? extends HasMetadata> type = BUILT_IN.get(apiVersion + "/" + kind);
        if (type != null) {
            HasMetadata model;
            try {
                model = STRICT.treeToValue(o, type);
            } catch (Exception e) {
                problems.add("does not match the " + kind + " schema: " + firstLine(e.getMessage()));
                return;
            }
            unknownFields(model, "", problems);
            PodChecks.check(model, problems);
        } else if (!CustomResourceChecks.check(apiVersion, kind, o, problems)) {
            problems.add("unknown apiVersion/kind " + apiVersion + "/" + kind);
        }
    }

    /** Walks the model through Jackson's view of its properties and reports any field it did not know. */
    private static void unknownFields(Object value, String path, List<String> problems) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> c) {
            int i = 0;
            for (Object item : c) {
                unknownFields(item, path + "[" + i++ + "]", problems);
            }
            return;
        }
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> unknownFields(v, path + "." + k, problems));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        var description = STRICT.getSerializationConfig().introspect(STRICT.constructType(value.getClass()));
        // fabric8 keeps what it does not know in an any-getter map instead of failing
        var anyGetter = description.findAnyGetter();
        if (anyGetter != null && anyGetter.getValue(value) instanceof Map<?, ?> extra && !extra.isEmpty()) {
            problems.add("unknown field(s) " + extra.keySet() + " at " + (path.isEmpty() ? "/" : path));
        }
        for (BeanPropertyDefinition p : description.findProperties()) {
            if (p.hasGetter() && (anyGetter == null || !p.getGetter().equals(anyGetter))) {
                Object child = p.getGetter().getValue(value);
                unknownFields(child, path + "." + p.getName(), problems);
            }
        }
    }

    private static ObjectMapper strictMapper() {
        ObjectMapper m = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .build();
        for (LogicalType t : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            m.coercionConfigFor(t).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        for (CoercionInputShape s :
                List.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean)) {
            m.coercionConfigFor(LogicalType.Textual).setCoercion(s, CoercionAction.Fail);
        }
        return m;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
