package io.ultraline.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a rendered overlay must agree on with the app ({@link AppConfig}), the topics page
 * ({@link TopicsDoc}) and the image ({@link JibConfig}). Each check returns its problems, so a test
 * can show it failing on a broken input as well as passing on the real one.
 */
final class DeploymentContract {

    /** Settings the app cannot start without, or that k8s must set for it to work as designed. */
    static final Set<String> REQUIRED_ENV = Set.of(
            "KAFKA_BOOTSTRAP_SERVERS",
            "SCHEMA_REGISTRY_URL",
            "ULTRALINE_MODEL_DIR",
            "ULTRALINE_STATE_DIR",
            "ULTRALINE_API_TOKEN",
            "ULTRALINE_ADVERTISED_ENDPOINT");

    /** Variables read by the runtime under the app (TensorFlow), not by application.yml. */
    static final String SERVICE_MAIN = "io.ultraline.app.ServiceMain";

    static final Set<String> RUNTIME_ENV = Set.of("TF_FORCE_GPU_ALLOW_GROWTH");

    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|TOKEN|JAAS|USER_INFO).*");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Za-z0-9_]+)\\)");

    private DeploymentContract() {}

    /** The processor's StatefulSet, its container and the environment they give the app. */
    record Processor(
            ObjectNode statefulSet, JsonNode container, Map<String, JsonNode> env, Map<String, String> config) {

        static Processor of(List<ObjectNode> objects) {
            ObjectNode sts = one(objects, "StatefulSet", "ultraline");
            JsonNode container = null;
            for (JsonNode c : sts.at("/spec/template/spec/containers")) {
                if (c.path("name").asText().equals("ultraline")) {
                    container = c;
                }
            }
            if (container == null) {
                throw new IllegalStateException("StatefulSet ultraline has no container ultraline");
            }
            Map<String, String> config = new LinkedHashMap<>();
            Map<String, JsonNode> env = new LinkedHashMap<>();
            for (JsonNode from : container.path("envFrom")) {
                String cm = from.path("configMapRef").path("name").asText();
                one(objects, "ConfigMap", cm).path("data").fields().forEachRemaining(e -> {
                    config.put(e.getKey(), e.getValue().asText());
                    env.put(e.getKey(), e.getValue());
                });
            }
            for (JsonNode e : container.path("env")) {
                env.put(e.path("name").asText(), e);
            }
            return new Processor(sts, container, env, config);
        }

        /** The value the app sees for a setting: the ConfigMap's, a literal env value, or application.yml's default. */
        String value(String name, AppConfig app) {
            JsonNode e = env.get(name);
            if (e != null && e.isTextual()) {
                return e.asText();
            }
            if (e != null && e.has("value")) {
                return e.path("value").asText();
            }
            return app.envDefaults().getOrDefault(name, "");
        }
    }

    /** Env names the app reads, required ones set, secrets only from Secrets. */
    static List<String> environment(Processor p, AppConfig app) {
        List<String> problems = new ArrayList<>();
        Set<String> referenced = new HashSet<>();
        p.env().values().forEach(e -> {
            Matcher m = REFERENCE.matcher(
                    e.isTextual() ? e.asText() : e.path("value").asText());
            while (m.find()) {
                referenced.add(m.group(1));
            }
        });
        p.env().forEach((name, e) -> {
            boolean helper = referenced.contains(name)
                    && e.has("valueFrom")
                    && e.path("valueFrom").has("fieldRef");
            // ULTRALINE_KAFKA_PROPERTIES_* and ULTRALINE_REGISTRY_PROPERTIES_* pass client keys through
            // (ClientPassThrough)
            boolean passThrough = name.matches("ULTRALINE_(KAFKA|REGISTRY)_PROPERTIES_[A-Z0-9_]+");
            if (!app.envDefaults().containsKey(name) && !helper && !passThrough && !RUNTIME_ENV.contains(name)) {
                problems.add("env " + name + " is not a ${" + name
                        + "} placeholder of application.yml (the app would ignore it)");
            }
            boolean fromSecret = e.path("valueFrom").has("secretKeyRef");
            if (SECRET_NAME.matcher(name).matches() && !fromSecret) {
                problems.add("env " + name + " holds a secret but does not come from a Secret");
            }
        });
        for (String name : REQUIRED_ENV) {
            if (!app.envDefaults().containsKey(name)) {
                problems.add("required " + name + " is no longer a placeholder of application.yml");
            }
            JsonNode e = p.env().get(name);
            boolean set = e != null
                    && (e.isTextual()
                            ? !e.asText().isBlank()
                            : !e.path("value").asText().isBlank() || e.has("valueFrom"));
            boolean optional = e != null
                    && e.path("valueFrom").path("secretKeyRef").path("optional").asBoolean(false);
            if (!set || optional) {
                problems.add("required " + name + " is not set (or only optionally)");
            }
        }
        return problems;
    }

    /** Container port, probes, scrape annotations and services against the app's port and paths. */
    static List<String> endpoints(List<ObjectNode> objects, Processor p, AppConfig app) {
        List<String> problems = new ArrayList<>();
        int port = Integer.parseInt(p.value("ULTRALINE_HTTP_PORT", app));
        JsonNode http = null;
        for (JsonNode cp : p.container().path("ports")) {
            if (cp.path("name").asText().equals("http")) {
                http = cp;
            }
        }
        if (http == null || http.path("containerPort").asInt() != port) {
            problems.add("container port 'http' is not the app's HTTP port " + port);
        }
        probe(p.container(), "livenessProbe", app.livenessPath(), port, problems);
        probe(p.container(), "startupProbe", app.livenessPath(), port, problems);
        probe(p.container(), "readinessProbe", app.readinessPath(), port, problems);
        JsonNode annotations = p.statefulSet().at("/spec/template/metadata/annotations");
        if (!annotations.path("prometheus.io/path").asText().equals(app.prometheusPath())
                || annotations.path("prometheus.io/port").asInt() != port) {
            problems.add("prometheus.io annotations do not name " + app.prometheusPath() + " on port " + port);
        }
        JsonNode podLabels = p.statefulSet().at("/spec/template/metadata/labels");
        String serviceName = p.statefulSet().at("/spec/serviceName").asText();
        boolean headless = false;
        for (ObjectNode s : kind(objects, "Service")) {
            if (!selects(s.at("/spec/selector"), podLabels)) {
                continue;
            }
            for (JsonNode sp : s.at("/spec/ports")) {
                String target = sp.path("targetPort").asText();
                if (!target.equals("http") && sp.path("targetPort").asInt() != port) {
                    problems.add("Service " + s.at("/metadata/name").asText() + " targets " + target
                            + ", not the app's port");
                }
            }
            if (s.at("/metadata/name").asText().equals(serviceName)
                    && s.at("/spec/clusterIP").asText().equals("None")) {
                headless = true;
            }
        }
        if (!headless) {
            problems.add("spec.serviceName " + serviceName + " is not a headless Service selecting the pods");
        }
        String expected = "$(POD_NAME)." + serviceName + ".$(POD_NAMESPACE).svc:" + port;
        if (!p.value("ULTRALINE_ADVERTISED_ENDPOINT", app).equals(expected)) {
            problems.add("ULTRALINE_ADVERTISED_ENDPOINT is not the pod's stable name " + expected);
        }
        return problems;
    }

    private static void probe(JsonNode container, String which, String path, int port, List<String> problems) {
        JsonNode get = container.path(which).path("httpGet");
        boolean portOk =
                get.path("port").asText().equals("http") || get.path("port").asInt() == port;
        if (path == null || !get.path("path").asText().equals(path) || !portOk) {
            problems.add(which + " is not GET " + path + " on the http port");
        }
    }

    /** Non-root, read-only root, and a writable volume under every path the app or the JVM writes to. */
    static List<String> filesystem(Processor p, AppConfig app, JibConfig image) {
        List<String> problems = new ArrayList<>();
        JsonNode pod = p.statefulSet().at("/spec/template/spec");
        JsonNode sc = p.container().path("securityContext");
        if (!pod.at("/securityContext/runAsNonRoot").asBoolean()
                || !sc.path("readOnlyRootFilesystem").asBoolean()
                || sc.path("allowPrivilegeEscalation").asBoolean(true)) {
            problems.add("the pod must run as non-root with a read-only root filesystem and no privilege escalation");
        }
        String uid = image.user().split(":")[0];
        if (!pod.at("/securityContext/runAsUser").asText().equals(uid)) {
            problems.add("runAsUser is not the image's user " + uid);
        }
        Map<String, String> mounts = new LinkedHashMap<>();
        p.container()
                .path("volumeMounts")
                .forEach(m ->
                        mounts.put(m.path("mountPath").asText(), m.path("name").asText()));
        Set<String> claims = new HashSet<>();
        p.statefulSet()
                .at("/spec/volumeClaimTemplates")
                .forEach(c -> claims.add(c.at("/metadata/name").asText()));
        String state = p.value("ULTRALINE_STATE_DIR", app);
        if (!claims.contains(volumeAt(mounts, state))) {
            problems.add("ULTRALINE_STATE_DIR " + state + " is not on a volumeClaimTemplate");
        }
        Map<String, JsonNode> emptyDirs = new LinkedHashMap<>();
        pod.path("volumes").forEach(v -> {
            if (v.has("emptyDir")) {
                emptyDirs.put(v.path("name").asText(), v.path("emptyDir"));
            }
        });
        for (String path : new String[] {"/tmp", image.systemProperty("org.bytedeco.javacpp.cachedir")}) {
            if (path == null || !emptyDirs.containsKey(volumeAt(mounts, path))) {
                problems.add("no writable emptyDir at " + path);
            }
        }
        double sum = 0;
        for (JsonNode e : emptyDirs.values()) {
            sum += bytes(e.path("sizeLimit").asText("0"));
        }
        double limit =
                bytes(p.container().at("/resources/limits/ephemeral-storage").asText("0"));
        if (sum > limit) {
            problems.add("the emptyDirs may grow to " + sum + " bytes, over the ephemeral-storage limit " + limit);
        }
        return problems;
    }

    /** The image the overlay runs is the one Jib builds, with the same model path, command and port. */
    static List<String> image(Processor p, AppConfig app, JibConfig image) {
        List<String> problems = new ArrayList<>();
        String ref = image.image() + ":" + image.tag();
        if (!p.container().path("image").asText().equals(ref)) {
            problems.add("image " + p.container().path("image").asText() + " is not Jib's " + ref);
        }
        if (image.boundToLifecycle()) {
            problems.add("jib-maven-plugin is bound to the lifecycle: verify would build images");
        }
        List<String> args = new ArrayList<>();
        p.container().path("args").forEach(a -> args.add(a.asText()));
        if (!args.equals(image.args()) || !image.mainClass().equals(SERVICE_MAIN)) {
            problems.add("the container runs " + args + ", the image " + image.mainClass() + " " + image.args()
                    + " (expected " + SERVICE_MAIN + ")");
        }
        int port = Integer.parseInt(p.value("ULTRALINE_HTTP_PORT", app));
        if (!image.ports().contains(port)) {
            problems.add("the image does not expose port " + port);
        }
        String model = p.value("ULTRALINE_MODEL_DIR", app);
        boolean shipped = image.extraDirectories().entrySet().stream()
                .anyMatch(e -> model.startsWith(e.getValue() + "/")
                        && Files.isRegularFile(
                                Path.of(e.getKey(), model.substring(e.getValue().length()), "ultraline-model.json")));
        if (!shipped) {
            problems.add("ULTRALINE_MODEL_DIR " + model + " is no model directory the image carries");
        }
        return problems;
    }

    /** GPU pods ask for a GPU, land on GPU nodes and tolerate their taint; CPU pods do none of it. */
    static List<String> gpu(Processor p, boolean expectGpu) {
        List<String> problems = new ArrayList<>();
        JsonNode pod = p.statefulSet().at("/spec/template/spec");
        boolean limit = p.container().at("/resources/limits").has("nvidia.com/gpu")
                && p.container().at("/resources/limits").path("nvidia.com/gpu").asInt() >= 1;
        boolean tolerates = false;
        for (JsonNode t : pod.path("tolerations")) {
            tolerates |= t.path("key").asText().equals("nvidia.com/gpu");
        }
        boolean selected = pod.path("nodeSelector").size() > 0;
        if (expectGpu && !(limit && tolerates && selected)) {
            problems.add("a GPU pod needs an nvidia.com/gpu limit, a nodeSelector and an nvidia.com/gpu toleration");
        }
        if (!expectGpu && (limit || tolerates)) {
            problems.add("a CPU pod must not ask for or tolerate GPUs");
        }
        return problems;
    }

    /** A KafkaTopic per documented topic, with its partitions, cleanup policy and retention. */
    static List<String> topics(List<ObjectNode> kafkaTopics, List<TopicsDoc.Topic> documented) {
        List<String> problems = new ArrayList<>();
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        for (ObjectNode t : kafkaTopics) {
            String name = t.at("/spec/topicName").asText(t.at("/metadata/name").asText());
            byName.put(name, t.path("spec"));
        }
        for (TopicsDoc.Topic d : documented) {
            JsonNode spec = byName.get(d.name());
            if (spec == null) {
                problems.add("topic " + d.name() + " has no KafkaTopic");
                continue;
            }
            if (spec.path("partitions").asInt() != d.partitions()) {
                problems.add(d.name() + ": " + spec.path("partitions").asInt() + " partitions, topics.md says "
                        + d.partitions());
            }
            String cleanup = spec.path("config").path("cleanup.policy").asText();
            if (!cleanup.equals(d.cleanup())) {
                problems.add(d.name() + ": cleanup.policy " + cleanup + ", topics.md says " + d.cleanup());
            }
            if (d.cleanup().equals("delete")) {
                long expected = d.retentionDays() == null ? -2 : d.retentionDays() * 86_400_000L;
                if (spec.path("config").path("retention.ms").asLong(-1) != expected) {
                    problems.add(d.name() + ": retention.ms is not the " + d.retentionDays() + " days of topics.md");
                }
            }
        }
        return problems;
    }

    /** KEDA scales the processor on line.frames' lag of the app's consumer group, within the partitions. */
    static List<String> autoscaling(List<ObjectNode> objects, Processor p, AppConfig app, int framePartitions) {
        List<String> problems = new ArrayList<>();
        ObjectNode so = one(objects, "ScaledObject", "ultraline");
        JsonNode target = so.at("/spec/scaleTargetRef");
        if (!target.path("kind").asText().equals("StatefulSet")
                || !target.path("name")
                        .asText()
                        .equals(p.statefulSet().at("/metadata/name").asText())) {
            problems.add("the ScaledObject does not target the processor's StatefulSet");
        }
        JsonNode kafka = null;
        for (JsonNode t : so.at("/spec/triggers")) {
            if (t.path("type").asText().equals("kafka")) {
                kafka = t.path("metadata");
            }
        }
        if (kafka == null) {
            problems.add("no kafka trigger");
            return problems;
        }
        expectEqual(
                problems,
                "consumerGroup",
                kafka.path("consumerGroup").asText(),
                p.value("ULTRALINE_APPLICATION_ID", app));
        expectEqual(
                problems,
                "topic",
                kafka.path("topic").asText(),
                p.value("ULTRALINE_TOPIC_PREFIX", app) + "line.frames");
        expectEqual(
                problems,
                "bootstrapServers",
                kafka.path("bootstrapServers").asText(),
                p.value("KAFKA_BOOTSTRAP_SERVERS", app));
        int max = so.at("/spec/maxReplicaCount").asInt(100);
        if (max > framePartitions) {
            problems.add("maxReplicaCount " + max + " exceeds the " + framePartitions + " partitions of line.frames");
        }
        return problems;
    }

    /** SCHEMA_REGISTRY_URL points at the registry's Service and its Confluent-compatible API. */
    static List<String> registry(List<ObjectNode> registryObjects, Processor p, AppConfig app) {
        List<String> problems = new ArrayList<>();
        URI url = URI.create(p.value("SCHEMA_REGISTRY_URL", app));
        ObjectNode service = one(registryObjects, "Service", url.getHost().split("\\.")[0]);
        int port = url.getPort() < 0 ? 80 : url.getPort();
        boolean portOk = false;
        for (JsonNode sp : service.at("/spec/ports")) {
            portOk |= sp.path("port").asInt() == port;
        }
        if (!portOk) {
            problems.add("the registry Service has no port " + port);
        }
        if (!url.getPath().equals("/apis/ccompat/v7")) {
            problems.add("SCHEMA_REGISTRY_URL must end in Apicurio's Confluent API /apis/ccompat/v7");
        }
        return problems;
    }

    private static void expectEqual(List<String> problems, String what, String actual, String expected) {
        if (!actual.equals(expected)) {
            problems.add("kafka trigger " + what + " is '" + actual + "', expected '" + expected + "'");
        }
    }

    private static String volumeAt(Map<String, String> mounts, String path) {
        String best = null;
        int length = -1;
        for (var m : mounts.entrySet()) {
            String mp = m.getKey();
            if ((path.equals(mp) || path.startsWith(mp.endsWith("/") ? mp : mp + "/")) && mp.length() > length) {
                best = m.getValue();
                length = mp.length();
            }
        }
        return best;
    }

    static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector == null || selector.isMissingNode() || selector.isEmpty()) {
            return false;
        }
        for (var it = selector.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    static double bytes(String quantity) {
        if (quantity.isEmpty() || quantity.equals("0")) {
            return 0;
        }
        return new io.fabric8.kubernetes.api.model.Quantity(quantity)
                .getNumericalAmount()
                .doubleValue();
    }

    static List<ObjectNode> kind(List<ObjectNode> objects, String kind) {
        return objects.stream()
                .filter(o -> o.path("kind").asText().equals(kind))
                .toList();
    }

    static ObjectNode one(List<ObjectNode> objects, String kind, String name) {
        List<ObjectNode> found = kind(objects, kind).stream()
                .filter(o -> o.at("/metadata/name").asText().equals(name))
                .toList();
        if (found.size() != 1) {
            throw new IllegalStateException("expected one " + kind + " " + name + ", found " + found.size());
        }
        return found.get(0);
    }
}
