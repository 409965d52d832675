package io.ultraline.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/**
 * The custom resources the deployment uses, checked against the fields their CRDs require and
 * allow (Strimzi KafkaTopic and KafkaUser v1, the only version Strimzi 1.0 serves; KEDA
 * ScaledObject and TriggerAuthentication v1alpha1; Prometheus Operator ServiceMonitor and
 * PrometheusRule v1). fabric8 has no models for them in this build, so the rules are written out.
 */
final class CustomResourceChecks {

    private static final Set<String> TOPIC_SPEC = Set.of("topicName", "partitions", "replicas", "config");
    private static final Set<String> SCALED_OBJECT_SPEC = Set.of(
            "scaleTargetRef",
            "pollingInterval",
            "cooldownPeriod",
            "initialCooldownPeriod",
            "idleReplicaCount",
            "minReplicaCount",
            "maxReplicaCount",
            "advanced",
            "triggers",
            "fallback");
    private static final Set<String> TRIGGER =
            Set.of("type", "name", "metadata", "authenticationRef", "metricType", "useCachedMetrics");
    private static final Set<String> MONITOR_SPEC = Set.of(
            "selector", "endpoints", "namespaceSelector", "jobLabel", "targetLabels", "podTargetLabels", "sampleLimit");
    private static final Set<String> MONITOR_ENDPOINT = Set.of(
            "port",
            "targetPort",
            "path",
            "scheme",
            "interval",
            "scrapeTimeout",
            "honorLabels",
            "honorTimestamps",
            "relabelings",
            "metricRelabelings",
            "params",
            "tlsConfig",
            "bearerTokenSecret",
            "basicAuth",
            "authorization");

    private static final Set<String> RULE_GROUP =
            Set.of("name", "interval", "rules", "limit", "partial_response_strategy", "query_offset", "labels");
    private static final Set<String> RULE =
            Set.of("alert", "record", "expr", "for", "keep_firing_for", "labels", "annotations");

    private static final Set<String> ACL_RESOURCES = Set.of("topic", "group", "cluster", "transactionalId");
    private static final Set<String> ACL_OPERATIONS = Set.of(
            "Read",
            "Write",
            "Create",
            "Delete",
            "Alter",
            "Describe",
            "ClusterAction",
            "AlterConfigs",
            "DescribeConfigs",
            "IdempotentWrite",
            "All");

    private CustomResourceChecks() {}

    /** Checks {@code o} if its kind is one of these; false when the kind is not known here. */
    static boolean check(String apiVersion, String kind, ObjectNode o, List<String> problems) {
        String key = apiVersion + "/" + kind;
        switch (key) {
            case "kafka.strimzi.io/v1/KafkaTopic" -> kafkaTopic(o, problems);
            case "kafka.strimzi.io/v1/KafkaUser" -> kafkaUser(o, problems);
            case "keda.sh/v1alpha1/TriggerAuthentication" -> triggerAuthentication(o, problems);
            case "keda.sh/v1alpha1/ScaledObject" -> scaledObject(o, problems);
            case "monitoring.coreos.com/v1/ServiceMonitor" -> serviceMonitor(o, problems);
            case "monitoring.coreos.com/v1/PrometheusRule" -> prometheusRule(o, problems);
            default -> {
                return false;
            }
        }
        topLevel(o, problems);
        return true;
    }

    private static void topLevel(ObjectNode o, List<String> problems) {
        only(o, Set.of("apiVersion", "kind", "metadata", "spec"), "", problems);
        if (!o.path("spec").isObject()) {
            problems.add("spec is required");
        }
    }

    private static void kafkaTopic(ObjectNode o, List<String> problems) {
        JsonNode spec = o.path("spec");
        only(spec, TOPIC_SPEC, "spec", problems);
        if (o.path("metadata")
                .path("labels")
                .path("strimzi.io/cluster")
                .asText()
                .isEmpty()) {
            problems.add("label strimzi.io/cluster is required: it names the Kafka cluster");
        }
        positiveInt(spec, "partitions", problems);
        positiveInt(spec, "replicas", problems);
        if (spec.has("topicName") && !spec.get("topicName").isTextual()) {
            problems.add("spec.topicName must be a string");
        }
        spec.path("config").fields().forEachRemaining(e -> {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                problems.add("spec.config." + e.getKey() + " must be a scalar");
            }
        });
    }

    private static void kafkaUser(ObjectNode o, List<String> problems) {
        JsonNode spec = o.path("spec");
        only(spec, Set.of("authentication", "authorization", "quotas", "template"), "spec", problems);
        if (o.path("metadata")
                .path("labels")
                .path("strimzi.io/cluster")
                .asText()
                .isEmpty()) {
            problems.add("label strimzi.io/cluster is required: it names the Kafka cluster");
        }
        String auth = spec.path("authentication").path("type").asText();
        if (!Set.of("scram-sha-512", "tls", "tls-external").contains(auth)) {
            problems.add("spec.authentication.type must be scram-sha-512, tls or tls-external, not '" + auth + "'");
        }
        JsonNode authz = spec.path("authorization");
        if (authz.isMissingNode()) {
            return;
        }
        only(authz, Set.of("type", "acls"), "spec.authorization", problems);
        if (!authz.path("type").asText().equals("simple")) {
            problems.add("spec.authorization.type must be simple");
        }
        int i = 0;
        for (JsonNode acl : authz.path("acls")) {
            String at = "spec.authorization.acls[" + i++ + "]";
            // v1 has only the operations list; v1beta2's single operation is gone
            only(acl, Set.of("resource", "operations", "host", "type"), at, problems);
            JsonNode r = acl.path("resource");
            only(r, Set.of("type", "name", "patternType"), at + ".resource", problems);
            String type = r.path("type").asText();
            if (!ACL_RESOURCES.contains(type)) {
                problems.add(at + ".resource.type '" + type + "' is not one of " + ACL_RESOURCES);
            }
            if (!type.equals("cluster") && r.path("name").asText().isEmpty()) {
                problems.add(at + ".resource.name is required for a " + type);
            }
            if (r.has("patternType")
                    && !Set.of("literal", "prefix")
                            .contains(r.path("patternType").asText())) {
                problems.add(at + ".resource.patternType must be literal or prefix");
            }
            if (!acl.path("operations").isArray() || acl.path("operations").isEmpty()) {
                problems.add(at + ".operations needs at least one operation");
            }
            for (JsonNode op : acl.path("operations")) {
                if (!ACL_OPERATIONS.contains(op.asText())) {
                    problems.add(at + ".operations: '" + op.asText() + "' is not an operation");
                }
            }
        }
    }

    private static void triggerAuthentication(ObjectNode o, List<String> problems) {
        JsonNode spec = o.path("spec");
        only(
                spec,
                Set.of(
                        "secretTargetRef",
                        "env",
                        "podIdentity",
                        "hashiCorpVault",
                        "azureKeyVault",
                        "configMapTargetRef",
                        "awsSecretManager",
                        "gcpSecretManager"),
                "spec",
                problems);
        int i = 0;
        for (JsonNode ref : spec.path("secretTargetRef")) {
            String at = "spec.secretTargetRef[" + i++ + "]";
            only(ref, Set.of("parameter", "name", "key"), at, problems);
            for (String f : List.of("parameter", "name", "key")) {
                if (ref.path(f).asText().isEmpty()) {
                    problems.add(at + "." + f + " is required");
                }
            }
        }
    }

    private static void scaledObject(ObjectNode o, List<String> problems) {
        JsonNode spec = o.path("spec");
        only(spec, SCALED_OBJECT_SPEC, "spec", problems);
        if (spec.path("scaleTargetRef").path("name").asText().isEmpty()) {
            problems.add("spec.scaleTargetRef.name is required");
        }
        if (!spec.path("triggers").isArray() || spec.path("triggers").isEmpty()) {
            problems.add("spec.triggers needs at least one trigger");
        }
        int i = 0;
        for (JsonNode t : spec.path("triggers")) {
            String at = "spec.triggers[" + i++ + "]";
            only(t, TRIGGER, at, problems);
            if (t.path("type").asText().isEmpty()) {
                problems.add(at + ".type is required");
            }
            t.path("metadata").fields().forEachRemaining(e -> {
                if (!e.getValue().isTextual()) {
                    problems.add(at + ".metadata." + e.getKey()
                            + " must be a string (KEDA's metadata is map[string]string)");
                }
            });
            if (t.path("type").asText().equals("kafka")) {
                for (String required : List.of("bootstrapServers", "consumerGroup")) {
                    if (t.path("metadata").path(required).asText().isEmpty()) {
                        problems.add(at + ".metadata." + required + " is required by the kafka scaler");
                    }
                }
            }
        }
        for (String f : List.of("minReplicaCount", "maxReplicaCount", "pollingInterval", "cooldownPeriod")) {
            if (spec.has(f) && (!spec.get(f).isInt() || spec.get(f).asInt() < 0)) {
                problems.add("spec." + f + " must be a non-negative integer");
            }
        }
        if (spec.path("minReplicaCount").asInt(0) > spec.path("maxReplicaCount").asInt(100)) {
            problems.add("spec.minReplicaCount exceeds spec.maxReplicaCount");
        }
    }

    private static void serviceMonitor(ObjectNode o, List<String> problems) {
        JsonNode spec = o.path("spec");
        only(spec, MONITOR_SPEC, "spec", problems);
        if (!spec.path("selector").isObject()) {
            problems.add("spec.selector is required");
        }
        if (!spec.path("endpoints").isArray() || spec.path("endpoints").isEmpty()) {
            problems.add("spec.endpoints needs at least one endpoint");
        }
        for (JsonNode e : spec.path("endpoints")) {
            only(e, MONITOR_ENDPOINT, "spec.endpoints[]", problems);
            if (!e.has("port") && !e.has("targetPort")) {
                problems.add("an endpoint needs port or targetPort");
            }
        }
    }

    private static void prometheusRule(ObjectNode o, List<String> problems) {
        JsonNode spec = o.path("spec");
        only(spec, Set.of("groups"), "spec", problems);
        if (!spec.path("groups").isArray() || spec.path("groups").isEmpty()) {
            problems.add("spec.groups needs at least one group");
        }
        for (JsonNode g : spec.path("groups")) {
            String at = "group " + g.path("name").asText("?");
            only(g, RULE_GROUP, at, problems);
            if (g.path("name").asText().isEmpty() || !g.path("rules").isArray()) {
                problems.add(at + ": name and rules are required");
            }
            for (JsonNode r : g.path("rules")) {
                String rule =
                        at + " rule " + r.path("alert").asText(r.path("record").asText("?"));
                only(r, RULE, rule, problems);
                if (r.has("alert") == r.has("record")) {
                    problems.add(rule + ": exactly one of alert and record");
                }
                if (!r.path("expr").isTextual() || r.path("expr").asText().isBlank()) {
                    problems.add(rule + ": expr must be a non-empty string");
                }
                if (r.has("for") && !r.path("for").asText().matches("([0-9]+(ms|s|m|h|d|w|y))+")) {
                    problems.add(rule + ": for '" + r.path("for").asText() + "' is not a Prometheus duration");
                }
                for (String map : List.of("labels", "annotations")) {
                    r.path(map).fields().forEachRemaining(e -> {
                        if (!e.getValue().isTextual()) {
                            problems.add(rule + ": " + map + "." + e.getKey() + " must be a string");
                        }
                    });
                }
            }
        }
    }

    private static void positiveInt(JsonNode spec, String field, List<String> problems) {
        JsonNode n = spec.get(field);
        if (n == null || !n.isInt() || n.asInt() < 1) {
            problems.add("spec." + field + " must be a positive integer");
        }
    }

    private static void only(JsonNode node, Set<String> allowed, String at, List<String> problems) {
        node.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) {
                problems.add("unknown field " + (at.isEmpty() ? "" : at + ".") + f);
            }
        });
    }
}
