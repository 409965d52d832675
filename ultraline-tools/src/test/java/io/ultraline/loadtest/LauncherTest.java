package io.ultraline.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultraline.stream.ExplainConfig;
import io.ultraline.stream.ExplanationsMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class LauncherTest {

    private final InstanceConfig config = new InstanceConfig(
            1,
            "127.0.0.1:9092",
            "http://127.0.0.1:8081/apis/ccompat/v7",
            Path.of("models/line-vit"),
            Path.of("/tmp/state-1"),
            "lt-1.ultraline",
            "lt-1.",
            18080,
            8,
            Duration.ofMillis(150),
            1,
            "768m",
            Duration.ofSeconds(10),
            new ExplainConfig(ExplanationsMode.SAMPLED, 20, 16, "anomalous", 0.1),
            Path.of("/tmp/i1.log"));

    @Test
    void theEnvironmentIsTheServeContractOnLoopback() {
        Map<String, String> env = config.environment();
        assertThat(env)
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")
                .containsEntry("SCHEMA_REGISTRY_URL", "http://127.0.0.1:8081/apis/ccompat/v7")
                .containsEntry("ULTRALINE_APPLICATION_ID", "lt-1.ultraline")
                .containsEntry("ULTRALINE_TOPIC_PREFIX", "lt-1.")
                .containsEntry("ULTRALINE_HTTP_PORT", "18080")
                .containsEntry("ULTRALINE_HTTP_HOST", "127.0.0.1")
                .containsEntry("ULTRALINE_SECURITY_ENABLED", "false")
                .containsEntry("ULTRALINE_BATCH_SIZE", "8")
                .containsEntry("ULTRALINE_BATCH_MAX_WAIT", "150")
                .containsEntry("ULTRALINE_MODEL_THREADS", "1")
                .containsEntry("ULTRALINE_STATE_DIR", "/tmp/state-1")
                .containsEntry("ULTRALINE_SESSION_TIMEOUT_MS", "10000")
                .containsEntry("ULTRALINE_EXPLAIN", "sampled")
                .containsEntry("ULTRALINE_EXPLAIN_SAMPLE_EVERY", "20")
                .containsEntry("ULTRALINE_EXPLAIN_TARGETS", "16")
                .containsEntry("ULTRALINE_EXPLAIN_STRATEGY", "anomalous")
                .containsEntry("ULTRALINE_EXPLAIN_NEAR_THRESHOLD", "0.1");
        assertThat(Path.of(env.get("ULTRALINE_MODEL_DIR"))).isAbsolute().endsWith(Path.of("models/line-vit"));
    }

    @Test
    void withoutAnExplainBlockTheServiceKeepsItsOwnDefault() {
        InstanceConfig plain = new InstanceConfig(
                1,
                "127.0.0.1:9092",
                "http://127.0.0.1:8081",
                Path.of("m"),
                Path.of("s"),
                "a",
                "p.",
                1,
                8,
                Duration.ofMillis(100),
                0,
                "1g",
                null,
                null,
                Path.of("l"));
        assertThat(plain.environment()).doesNotContainKeys("ULTRALINE_EXPLAIN", "ULTRALINE_EXPLAIN_TARGETS");
        assertThat(LoadTestRunner.describe(config.explain())).isEqualTo("sampled, K 20, T 16, anomalous, near 0.10");
        assertThat(LoadTestRunner.describe(ExplainConfig.defaults())).isEqualTo("all");
    }

    @Test
    void serveRunsTheCliOnThisJvmsClasspath() {
        List<String> cmd = ProcessorLauncher.serve().command(config);
        assertThat(cmd.get(0)).endsWith("java");
        assertThat(cmd)
                .contains(
                        "-Xmx768m",
                        "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.ultraline.avro",
                        System.getProperty("java.class.path"));
        assertThat(cmd.subList(cmd.size() - 2, cmd.size())).containsExactly("io.ultraline.cli.Main", "serve");
    }

    @Test
    void readsVmRssInKib() {
        assertThat(Rss.parse("Name:\tjava\nVmPeak:\t  999 kB\nVmRSS:\t  123456 kB\nThreads: 40\n"))
                .isEqualTo(123456);
        assertThat(Rss.parse("Name:\tkthreadd\n")).isEqualTo(-1);
        assertThat(Rss.ofPid(ProcessHandle.current().pid())).isGreaterThan(1024);
    }

    @Test
    void cameraIdsSpreadEvenlyOverThePartitions() {
        List<String> ids = CameraIds.balanced(8, 4);
        assertThat(ids).hasSize(8).doesNotHaveDuplicates();
        int[] per = new int[4];
        ids.forEach(id -> per[CameraIds.partition(id, 4)]++);
        assertThat(per).containsOnly(2);
        // the partitioner's own choice, as the producer makes it
        for (String id : ids) {
            assertThat(CameraIds.partition(id, 4))
                    .isEqualTo(BuiltInPartitioner.partitionForKey(id.getBytes(StandardCharsets.UTF_8), 4));
        }
    }
}
