package io.ultraline.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real k8s/ tree: every directory renders and validates, and the overlays agree with
 * application.yml, topology-docs/topics.md and the Jib image in ultraline-service/pom.xml. The tests named
 * {@code catches...} break a rendered overlay on purpose and expect the check to say so.
 */
class K8sManifestsTest {

    private static final AppConfig APP =
            AppConfig.read(K8sTree.root().resolve("ultraline-service/src/main/resources/application.yml"));
    private static final List<TopicsDoc.Topic> TOPICS =
            TopicsDoc.read(K8sTree.root().resolve("topology-docs/topics.md"));

    static Stream<Path> deployables() {
        return K8sTree.deployables().stream();
    }

    @ParameterizedTest
    @MethodSource("deployables")
    void rendersToValidObjects(Path dir) {
        List<ObjectNode> objects = Kustomize.build(dir);
        assertThat(objects).isNotEmpty();
        assertThat(ManifestValidator.validate(objects)).isEmpty();
        // secret values never ship with the manifests: the example secret is documentation only
        assertThat(DeploymentContract.kind(objects, "Secret")).isEmpty();
    }

    @Test
    void theAppContractItselfIsWhatTheLeadDescribed() {
        assertThat(APP.httpPort()).isEqualTo(8080);
        assertThat(APP.livenessPath()).isEqualTo("/health/liveness");
        assertThat(APP.readinessPath()).isEqualTo("/health/readiness");
        assertThat(APP.prometheusPath()).isEqualTo("/prometheus");
        assertThat(TOPICS)
                .extracting(TopicsDoc.Topic::name)
                .contains("line.frames", "line.profiles", "line.alerts.dlq", "line.feedback")
                .hasSize(10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void overlayAgreesWithTheAppTheImageAndTheTopics(String overlay) {
        boolean gpu = overlay.equals("gpu");
        List<ObjectNode> objects = K8sTree.render("overlays/" + overlay);
        JibConfig image = JibConfig.read(K8sTree.root().resolve("ultraline-service/pom.xml"), gpu);
        var p = DeploymentContract.Processor.of(objects);
        assertThat(DeploymentContract.environment(p, APP)).isEmpty();
        assertThat(DeploymentContract.endpoints(objects, p, APP)).isEmpty();
        assertThat(DeploymentContract.filesystem(p, APP, image)).isEmpty();
        assertThat(DeploymentContract.image(p, APP, image)).isEmpty();
        assertThat(DeploymentContract.gpu(p, gpu)).isEmpty();
        assertThat(DeploymentContract.autoscaling(objects, p, APP, framePartitions()))
                .isEmpty();
        assertThat(DeploymentContract.registry(K8sTree.render("registry"), p, APP))
                .isEmpty();
        assertThat(image.tag()).endsWith(gpu ? "-gpu" : "SNAPSHOT");
    }

    @Test
    void everyDocumentedTopicHasAMatchingKafkaTopic() {
        List<ObjectNode> topics = DeploymentContract.kind(K8sTree.render("topics"), "KafkaTopic");
        assertThat(DeploymentContract.topics(topics, TOPICS)).isEmpty();
        // co-partitioning: commands must meet their camera's frames in one stream task
        assertThat(partitions(topics, "line.calibration")).isEqualTo(partitions(topics, "line.frames"));
    }

    @Test
    void theServiceMonitorScrapesEachPodOnce() {
        List<ObjectNode> app = K8sTree.render("overlays/cpu");
        JsonNode selector = K8sTree.render("monitoring").get(0).at("/spec/selector/matchLabels");
        long selected = DeploymentContract.kind(app, "Service").stream()
                .filter(s -> DeploymentContract.selects(selector, s.at("/metadata/labels")))
                .count();
        assertThat(selected).isEqualTo(1);
        assertThat(K8sTree.render("monitoring")
                        .get(0)
                        .at("/spec/endpoints/0/path")
                        .asText())
                .isEqualTo(APP.prometheusPath());
    }

    @Test
    void theExampleSecretHasEveryKeyTheManifestsReferenceAndIsNotDeployed() {
        ObjectNode secret = Yaml.document(K8sTree.k8s("base/secret.example.yaml"));
        var p = DeploymentContract.Processor.of(K8sTree.render("overlays/cpu"));
        Map<String, JsonNode> refs = new TreeMap<>();
        p.env().forEach((name, e) -> {
            JsonNode ref = e.path("valueFrom").path("secretKeyRef");
            if (!ref.isMissingNode()) {
                refs.put(name, ref);
            }
        });
        // the tokens serve needs must come from the Secret: a manifest that drops a reference fails here
        assertThat(refs).as("env from secretKeyRef").containsKeys("ULTRALINE_API_TOKEN", "ULTRALINE_PEER_TOKEN");
        refs.forEach((name, ref) -> {
            assertThat(ref.path("name").asText())
                    .as(name)
                    .isEqualTo(secret.at("/metadata/name").asText());
            assertThat(secret.path("stringData").has(ref.path("key").asText()))
                    .as(name + " " + ref)
                    .isTrue();
        });
        // KEDA's TriggerAuthentication reads the same Secret
        List<String> referenced = new ArrayList<>(
                refs.values().stream().map(ref -> ref.path("key").asText()).toList());
        for (JsonNode ref : DeploymentContract.one(
                        K8sTree.render("overlays/cpu"), "TriggerAuthentication", "ultraline-kafka")
                .at("/spec/secretTargetRef")) {
            assertThat(ref.path("name").asText())
                    .as("TriggerAuthentication " + ref)
                    .isEqualTo(secret.at("/metadata/name").asText());
            assertThat(secret.path("stringData").has(ref.path("key").asText()))
                    .as("TriggerAuthentication " + ref)
                    .isTrue();
            referenced.add(ref.path("key").asText());
        }
        // and the example names no key that nothing reads
        List<String> exampleKeys = new ArrayList<>();
        secret.path("stringData").fieldNames().forEachRemaining(exampleKeys::add);
        assertThat(referenced).containsExactlyInAnyOrderElementsOf(exampleKeys);
        assertThat(Yaml.document(K8sTree.k8s("base/kustomization.yaml")).path("resources"))
                .extracting(JsonNode::asText)
                .doesNotContain("secret.example.yaml");
    }

    @Test
    void catchesAnEnvNameTheAppDoesNotRead() {
        var objects = K8sTree.render("overlays/cpu");
        ObjectNode cm = DeploymentContract.one(objects, "ConfigMap", "ultraline-config");
        ObjectNode data = (ObjectNode) cm.get("data");
        data.set("ULTRALINE_MODEL_DIRECTORY", data.remove("ULTRALINE_MODEL_DIR"));
        var problems = DeploymentContract.environment(DeploymentContract.Processor.of(objects), APP);
        assertThat(problems)
                .anySatisfy(s -> assertThat(s).contains("ULTRALINE_MODEL_DIRECTORY is not a ${"))
                .anySatisfy(s -> assertThat(s).contains("required ULTRALINE_MODEL_DIR is not set"));
    }

    @Test
    void catchesASecretPassedAsPlainValue() {
        var objects = K8sTree.render("overlays/cpu");
        JsonNode c = DeploymentContract.Processor.of(objects).container();
        for (JsonNode e : c.path("env")) {
            if (e.path("name").asText().equals("ULTRALINE_API_TOKEN")) {
                ((ObjectNode) e).remove("valueFrom");
                ((ObjectNode) e).put("value", "hunter2");
            }
        }
        assertThat(DeploymentContract.environment(DeploymentContract.Processor.of(objects), APP))
                .anySatisfy(s -> assertThat(s).contains("ULTRALINE_API_TOKEN holds a secret"));
    }

    @Test
    void catchesAProbeOnTheWrongPathAndAPortTheAppDoesNotListenOn() {
        var objects = K8sTree.render("overlays/cpu");
        var p = DeploymentContract.Processor.of(objects);
        ((ObjectNode) p.container().at("/readinessProbe/httpGet")).put("path", "/health");
        ((ObjectNode) p.container().at("/ports/0")).put("containerPort", 8081);
        assertThat(DeploymentContract.endpoints(objects, p, APP))
                .anySatisfy(s -> assertThat(s).contains("readinessProbe"))
                .anySatisfy(s -> assertThat(s).contains("container port 'http'"));
    }

    @Test
    void catchesAStateDirOffTheVolumeAndAMissingJavacppCache() {
        var objects = K8sTree.render("overlays/gpu");
        var p = DeploymentContract.Processor.of(objects);
        DeploymentContract.one(objects, "ConfigMap", "ultraline-config")
                .with("data")
                .put("ULTRALINE_STATE_DIR", "/data/state");
        ArrayNode mounts = (ArrayNode) p.container().get("volumeMounts");
        for (int i = mounts.size() - 1; i >= 0; i--) {
            if (mounts.get(i).path("name").asText().equals("javacpp")) {
                mounts.remove(i);
            }
        }
        var problems = DeploymentContract.filesystem(
                DeploymentContract.Processor.of(objects),
                APP,
                JibConfig.read(K8sTree.root().resolve("ultraline-service/pom.xml"), true));
        assertThat(problems)
                .anySatisfy(s -> assertThat(s).contains("ULTRALINE_STATE_DIR /data/state"))
                .anySatisfy(s -> assertThat(s).contains("no writable emptyDir at /var/cache/javacpp"));
    }

    @Test
    void catchesAGpuOverlayWithoutAGpuAndACpuOverlayWithOne() {
        var gpu = DeploymentContract.Processor.of(K8sTree.render("overlays/gpu"));
        ((ObjectNode) gpu.container().at("/resources/limits")).remove("nvidia.com/gpu");
        assertThat(DeploymentContract.gpu(gpu, true)).isNotEmpty();
        var gpuPodInACpuOverlay = DeploymentContract.Processor.of(K8sTree.render("overlays/gpu"));
        assertThat(DeploymentContract.gpu(gpuPodInACpuOverlay, false)).isNotEmpty();
    }

    @Test
    void catchesTopicsThatDisagreeWithTheDoc() {
        List<ObjectNode> topics = DeploymentContract.kind(K8sTree.render("topics"), "KafkaTopic");
        ObjectNode profiles = topics.stream()
                .filter(t -> t.at("/spec/topicName").asText().equals("line.profiles"))
                .findFirst()
                .orElseThrow();
        ((ObjectNode) profiles.at("/spec/config")).put("cleanup.policy", "delete");
        ObjectNode frames = topics.stream()
                .filter(t -> t.at("/spec/topicName").asText().equals("line.frames"))
                .findFirst()
                .orElseThrow();
        ((ObjectNode) frames.get("spec")).put("partitions", 6);
        List<ObjectNode> withoutAlerts = topics.stream()
                .filter(t -> !t.at("/spec/topicName").asText().equals("line.alerts"))
                .toList();
        assertThat(DeploymentContract.topics(withoutAlerts, TOPICS))
                .anySatisfy(s -> assertThat(s).contains("line.profiles: cleanup.policy delete"))
                .anySatisfy(s -> assertThat(s).contains("line.frames: 6 partitions"))
                .anySatisfy(s -> assertThat(s).contains("topic line.alerts has no KafkaTopic"));
    }

    @Test
    void catchesAutoscalingBeyondThePartitionsOrOnAnotherGroup() {
        var objects = K8sTree.render("overlays/cpu");
        ObjectNode so = DeploymentContract.one(objects, "ScaledObject", "ultraline");
        ((ObjectNode) so.get("spec")).put("maxReplicaCount", framePartitions() + 1);
        ((ObjectNode) so.at("/spec/triggers/0/metadata")).put("consumerGroup", "ultraline-consumer");
        assertThat(DeploymentContract.autoscaling(
                        objects, DeploymentContract.Processor.of(objects), APP, framePartitions()))
                .anySatisfy(s -> assertThat(s).contains("exceeds the 12 partitions"))
                .anySatisfy(s -> assertThat(s).contains("consumerGroup"));
    }

    private static int framePartitions() {
        return partitions(DeploymentContract.kind(K8sTree.render("topics"), "KafkaTopic"), "line.frames");
    }

    private static int partitions(List<ObjectNode> topics, String name) {
        return topics.stream()
                .filter(t -> t.at("/spec/topicName").asText().equals(name))
                .mapToInt(t -> t.at("/spec/partitions").asInt())
                .findFirst()
                .orElseThrow();
    }
}
