package io.ultraline.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The validator accepts a correct object and rejects each kind of mistake it is there to catch. */
class ManifestValidatorTest {

    private static final String STATEFUL_SET = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata:
              name: app
            spec:
              serviceName: app-headless
              replicas: 2
              selector:
                matchLabels: {app: x}
              template:
                metadata:
                  labels: {app: x}
                spec:
                  containers:
                    - name: app
                      image: app:1
                      ports:
                        - {name: http, containerPort: 8080}
                      env:
                        - {name: A, value: "1"}
                      readinessProbe:
                        httpGet: {path: /ready, port: http}
                      resources:
                        requests: {cpu: "1", memory: 1Gi}
                        limits: {memory: 2Gi, nvidia.com/gpu: 1}
                      volumeMounts:
                        - {name: state, mountPath: /state}
                        - {name: tmp, mountPath: /tmp}
                  volumes:
                    - name: tmp
                      emptyDir: {sizeLimit: 1Gi}
              volumeClaimTemplates:
                - metadata: {name: state}
                  spec:
                    accessModes: [ReadWriteOnce]
                    resources:
                      requests: {storage: 1Gi}
            """;

    private static final String TOPIC = """
            apiVersion: kafka.strimzi.io/v1
            kind: KafkaTopic
            metadata:
              name: t
              labels: {strimzi.io/cluster: c}
            spec:
              partitions: 3
              replicas: 3
              config: {cleanup.policy: delete}
            """;

    private static final String USER = """
            apiVersion: kafka.strimzi.io/v1
            kind: KafkaUser
            metadata:
              name: u
              labels: {strimzi.io/cluster: c}
            spec:
              authentication: {type: scram-sha-512}
              authorization:
                type: simple
                acls:
                  - resource: {type: topic, name: t, patternType: literal}
                    operations: [Read, Describe]
                  - resource: {type: cluster}
                    operations: [IdempotentWrite]
            """;

    private static final String SCALED_OBJECT = """
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: s}
            spec:
              scaleTargetRef: {name: app}
              minReplicaCount: 1
              maxReplicaCount: 3
              triggers:
                - type: kafka
                  metadata: {bootstrapServers: "k:9092", consumerGroup: g, topic: t, lagThreshold: "10"}
            """;

    @Test
    void acceptsCorrectObjects() {
        assertThat(problems(STATEFUL_SET)).isEmpty();
        assertThat(problems(TOPIC)).isEmpty();
        assertThat(problems(USER)).isEmpty();
        assertThat(problems(SCALED_OBJECT)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "misspelt field       | image: app:1                           | image: app:1\\n          imagePullPolicyy: Always | unknown field(s) [imagePullPolicyy]",
                "field at wrong level | serviceName: app-headless              | serviceName: app-headless\\n  podManagement: Parallel | unknown field(s) [podManagement]",
                "string for integer   | replicas: 2                            | replicas: \"2\"                | does not match the StatefulSet schema",
                "integer for string   | '{name: A, value: \"1\"}'              | '{name: A, value: 1}'          | does not match the StatefulSet schema",
                "no image             | image: app:1                           | image: ''                      | has no image",
                "selector mismatch    | 'matchLabels: {app: x}'                | 'matchLabels: {app: y}'        | does not match the pod template's labels",
                "mount without volume | '{name: tmp, mountPath: /tmp}'         | '{name: scratch, mountPath: /tmp}' | volumeMount scratch names no volume",
                "probe on unnamed port| 'port: http}'                          | 'port: web}'                   | probe port web is not a named port",
                "bad quantity         | 'memory: 2Gi,'                         | 'memory: 2GB!,'                | not a quantity",
                "request over limit   | 'memory: 1Gi}'                         | 'memory: 3Gi}'                 | request of memory exceeds its limit",
                "bad name             | 'name: app\\n'                         | 'name: App_1\\n'                | not a DNS subdomain",
            })
    void rejectsABrokenStatefulSet(String what, String from, String to, String expected) {
        String broken = STATEFUL_SET.replaceFirst(
                java.util.regex.Pattern.quote(unquote(from)), java.util.regex.Matcher.quoteReplacement(unquote(to)));
        assertThat(broken).as("the mutation applies").isNotEqualTo(STATEFUL_SET);
        assertThat(problems(broken)).as(what).anySatisfy(p -> assertThat(p).contains(expected));
    }

    @Test
    void rejectsBrokenCustomResources() {
        assertThat(problems(TOPIC.replace("  partitions: 3\n", "")))
                .anySatisfy(p -> assertThat(p).contains("spec.partitions"));
        assertThat(problems(TOPIC.replace("partitions: 3", "partitions: \"3\"")))
                .anySatisfy(p -> assertThat(p).contains("spec.partitions"));
        assertThat(problems(TOPIC.replace("  labels: {strimzi.io/cluster: c}\n", "")))
                .anySatisfy(p -> assertThat(p).contains("strimzi.io/cluster"));
        assertThat(problems(TOPIC.replace("replicas: 3", "replica: 3")))
                .anySatisfy(p -> assertThat(p).contains("unknown field spec.replica"));
        assertThat(problems(SCALED_OBJECT.replace("maxReplicaCount: 3", "maxReplicaCount: 0")))
                .anySatisfy(p -> assertThat(p).contains("exceeds"));
        assertThat(problems(SCALED_OBJECT.replace("lagThreshold: \"10\"", "lagThreshold: 10")))
                .anySatisfy(p -> assertThat(p).contains("must be a string"));
        assertThat(problems(SCALED_OBJECT.replace("consumerGroup: g, ", "")))
                .anySatisfy(p -> assertThat(p).contains("consumerGroup is required"));
        // Strimzi 1.0 serves only v1
        assertThat(problems(TOPIC.replace("kafka.strimzi.io/v1", "kafka.strimzi.io/v1beta2")))
                .anySatisfy(p -> assertThat(p).contains("unknown apiVersion/kind kafka.strimzi.io/v1beta2/KafkaTopic"));
        assertThat(problems(USER.replace("operations: [Read, Describe]", "operation: Read")))
                .anySatisfy(p -> assertThat(p).contains("unknown field spec.authorization.acls[0].operation"));
        assertThat(problems(USER.replace("type: scram-sha-512", "type: plain")))
                .anySatisfy(p -> assertThat(p).contains("spec.authentication.type"));
        assertThat(problems(USER.replace("type: topic, name: t,", "type: topic,")))
                .anySatisfy(p -> assertThat(p).contains("resource.name is required"));
        assertThat(problems("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n"))
                .anySatisfy(p -> assertThat(p).contains("unknown apiVersion/kind"));
    }

    @Test
    void rejectsAConfigMapValueThatIsNotAString() {
        String cm = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  PORT: %s\n";
        assertThat(problems(cm.formatted("\"8080\""))).isEmpty();
        assertThat(problems(cm.formatted("8080")))
                .anySatisfy(p -> assertThat(p).contains("does not match the ConfigMap schema"));
    }

    private static List<String> problems(String yaml) {
        return ManifestValidator.validate(Yaml.documents(yaml, "test"));
    }

    private static String unquote(String s) {
        return s.replace("\\n", "\n");
    }
}
