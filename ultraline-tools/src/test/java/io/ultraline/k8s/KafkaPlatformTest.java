package io.ultraline.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Strimzi side: the KafkaUser's ACLs against what the topology does under exactly_once_v2,
 * the KEDA trigger's credentials, and k8s/platform's values (cluster name, topic prefix,
 * application id) reaching every copy when set once.
 */
class KafkaPlatformTest {

    private static final KafkaAccess.Topology TOPOLOGY =
            KafkaAccess.Topology.read(K8sTree.root().resolve("topology-docs/topology.txt"));
    private static final List<String> ALL_TOPICS =
            TopicsDoc.read(K8sTree.root().resolve("topology-docs/topics.md")).stream()
                    .map(TopicsDoc.Topic::name)
                    .filter(t -> !t.equals("line.alerts.dlq"))
                    .toList();
    private static final List<String> LIMITED =
            List.of("line.verdicts", "line.defects", "line.explanations", "line.frames.dlq");

    @TempDir
    Path copy;

    @Test
    void theTopologyDescriptionIsReadAsInputsOutputsAndInternalTopics() {
        assertThat(TOPOLOGY.inputs()).containsExactlyInAnyOrder("line.frames", "line.calibration");
        assertThat(TOPOLOGY.outputs()).contains("line.verdicts", "line.frames.dlq", "line.profiles", "line.alerts");
        assertThat(TOPOLOGY.repartitions()).containsExactly("verdicts-by-line-repartition");
        assertThat(TOPOLOGY.stores()).contains("inference-buffer", "profiles", "latest-verdicts");
    }

    @Test
    void theKafkaUserGrantsWhatExactlyOnceV2NeedsAndNoMore() {
        List<ObjectNode> topics = K8sTree.render("topics");
        Map<String, String> config = config(K8sTree.render("overlays/cpu"));
        ObjectNode user = DeploymentContract.one(topics, "KafkaUser", "ultraline");
        assertThat(KafkaAccess.problems(
                        user,
                        TOPOLOGY,
                        config.get("ULTRALINE_APPLICATION_ID"),
                        config.get("ULTRALINE_TOPIC_PREFIX"),
                        ALL_TOPICS,
                        LIMITED))
                .isEmpty();
        for (JsonNode o : topics) {
            assertThat(o.path("apiVersion").asText())
                    .as(o.at("/metadata/name").asText())
                    .isEqualTo("kafka.strimzi.io/v1");
        }
    }

    @Test
    void catchesAMissingInternalTopicGrantAndAWriteOnAnInput() {
        ObjectNode user = DeploymentContract.one(K8sTree.render("topics"), "KafkaUser", "ultraline");
        ArrayNode acls = (ArrayNode) user.at("/spec/authorization/acls");
        for (int i = acls.size() - 1; i >= 0; i--) {
            if (acls.get(i).at("/resource/patternType").asText().equals("prefix")
                    && acls.get(i).at("/resource/type").asText().equals("topic")) {
                acls.remove(i);
            }
        }
        ((ArrayNode) acls.get(0).get("operations")).add("Write");
        assertThat(KafkaAccess.problems(user, TOPOLOGY, "ultraline", "", ALL_TOPICS, LIMITED))
                .anySatisfy(p -> assertThat(p).isEqualTo("no Create on topic ultraline-inference-buffer-changelog"))
                .anySatisfy(p -> assertThat(p).isEqualTo("no Delete on topic ultraline-verdicts-by-line-repartition"))
                .anySatisfy(p -> assertThat(p).contains("line.frames is an input: Write is not needed"));
    }

    @Test
    void kedaLogsInWithTheKafkaUsersCredentials() {
        List<ObjectNode> app = K8sTree.render("overlays/cpu");
        ObjectNode so = DeploymentContract.one(app, "ScaledObject", "ultraline");
        String ref = so.at("/spec/triggers/0/authenticationRef/name").asText();
        ObjectNode auth = DeploymentContract.one(app, "TriggerAuthentication", ref);
        List<String> parameters = new ArrayList<>();
        auth.at("/spec/secretTargetRef")
                .forEach(r -> parameters.add(r.path("parameter").asText()));
        assertThat(parameters).containsExactlyInAnyOrder("sasl", "username", "password");
        assertThat(config(app)).containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
        assertThat(DeploymentContract.one(K8sTree.render("topics"), "KafkaUser", "ultraline")
                        .at("/spec/authentication/type")
                        .asText())
                .isEqualTo("scram-sha-512");
    }

    @Test
    void theClusterNameTopicPrefixAndApplicationIdAreSetOnce() throws Exception {
        copyTree(K8sTree.root().resolve("k8s"), copy);
        Path platform = copy.resolve("platform/platform.yaml");
        Files.writeString(
                platform,
                Files.readString(platform)
                        .replace("kafka-cluster: line-kafka", "kafka-cluster: east")
                        .replace("topic-prefix: \"\"", "topic-prefix: \"plant1.\"")
                        .replace("application-id: ultraline", "application-id: qa-line"));
        List<ObjectNode> topics = Kustomize.build(copy.resolve("topics"));
        List<ObjectNode> app = Kustomize.build(copy.resolve("overlays/cpu"));
        List<ObjectNode> registry = Kustomize.build(copy.resolve("registry"));

        for (ObjectNode t : DeploymentContract.kind(topics, "KafkaTopic")) {
            String name = t.at("/spec/topicName").asText();
            assertThat(name).as("topicName").matches(n -> n.startsWith("plant1.line.") || n.equals("kafkasql-journal"));
            assertThat(t.at("/metadata/labels/strimzi.io~1cluster").asText()).isEqualTo("east");
        }
        Map<String, String> config = config(app);
        assertThat(config)
                .containsEntry("ULTRALINE_TOPIC_PREFIX", "plant1.")
                .containsEntry("ULTRALINE_APPLICATION_ID", "qa-line")
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "east-kafka-bootstrap.kafka.svc:9094");
        JsonNode trigger =
                DeploymentContract.one(app, "ScaledObject", "ultraline").at("/spec/triggers/0/metadata");
        assertThat(trigger.path("topic").asText()).isEqualTo("plant1.line.frames");
        assertThat(trigger.path("consumerGroup").asText()).isEqualTo("qa-line");
        assertThat(trigger.path("bootstrapServers").asText()).isEqualTo("east-kafka-bootstrap.kafka.svc:9094");
        ObjectNode user = DeploymentContract.one(topics, "KafkaUser", "ultraline");
        assertThat(KafkaAccess.problems(user, TOPOLOGY, "qa-line", "plant1.", ALL_TOPICS, LIMITED))
                .isEmpty();
        assertThat(registry.toString()).contains("east-kafka-bootstrap.kafka.svc:9092");
        String everything = topics.toString() + app + registry;
        assertThat(everything)
                .doesNotContainPattern("(?<![a-z])line-kafka")
                .doesNotContain("\"ultraline-\"")
                .doesNotContain("\"line.frames\"");
        assertThat(Kustomize.build(copy.resolve("topics")).stream()
                        .map(o -> o.path("kind").asText()))
                .as("the platform values are not deployed")
                .doesNotContain("ConfigMap");
        sameAsKubectl(copy.resolve("topics"), topics);
        sameAsKubectl(copy.resolve("overlays/cpu"), app);
        sameAsKubectl(copy.resolve("registry"), registry);
    }

    /** Where kubectl is installed, its kustomize renders the changed values the same way. */
    private static void sameAsKubectl(Path dir, List<ObjectNode> ours) throws Exception {
        if (Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .noneMatch(p -> Files.isExecutable(Path.of(p, "kubectl")))) {
            System.out.println("SKIPPED kubectl comparison in KafkaPlatformTest: kubectl is not on PATH");
            return;
        }
        Process p = new ProcessBuilder("kubectl", "kustomize", dir.toString())
                .redirectErrorStream(true)
                .start();
        String text = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(text).isZero();
        assertThat(byName(Yaml.documents(text, "kubectl"))).isEqualTo(byName(ours));
    }

    private static Map<String, JsonNode> byName(List<ObjectNode> objects) {
        Map<String, JsonNode> m = new HashMap<>();
        objects.forEach(o ->
                m.put(o.path("kind").asText() + "/" + o.at("/metadata/name").asText(), o));
        return m;
    }

    private static Map<String, String> config(List<ObjectNode> app) {
        Map<String, String> out = new HashMap<>();
        DeploymentContract.one(app, "ConfigMap", "ultraline-config")
                .path("data")
                .fields()
                .forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }
}
