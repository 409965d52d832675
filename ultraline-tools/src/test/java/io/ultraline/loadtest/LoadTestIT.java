package io.ultraline.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.dev.EmbeddedSchemaRegistry;
import io.ultraline.dev.KafkaCluster;
import io.ultraline.dev.TestKafka;
import io.ultraline.model.TinyVits;
import io.ultraline.model.VitConfig;
import io.ultraline.serde.SerdeConfig;
import io.ultraline.stream.PipelineTopics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny scenario end to end: one {@code ultraline serve} JVM with a tiny test model against the shared test
 * broker and registry, a few seconds of open-loop frames, then results.json, the plots, and an
 * independent read_committed check that every frame id the generator sent has exactly one verdict.
 */
class LoadTestIT {

    @TempDir
    Path tmp;

    @Test
    void aTinyScenarioGivesEveryFrameExactlyOneVerdictAndWritesItsResults() throws Exception {
        KafkaCluster kafka = TestKafka.shared();
        String registryUrl = EmbeddedSchemaRegistry.shared().confluentApiUrl();
        Path model = Files.createDirectories(tmp.resolve("model"));
        VitConfig c = TinyVits.config(64, 8, 24, 2, 2, true, 2);
        TinyVits.export(c, TinyVits.structured(c, 4, 2.5f), model);
        Scenario scenario = ScenarioFile.parse("""
                name: it-tiny
                cameras: 3
                fpsPerCamera: 4
                frames: {size: 64, encoding: PNG, defectRate: 0.25, pool: 8}
                duration: 6s
                warmUp: 2s
                calibrationFrames: 4
                batch: {size: 4, maxWait: 100ms}
                instances: 1
                partitions: 2
                heap: 512m
                modelThreads: 1
                drainTimeout: 60s
                model: %s
                kafka: {bootstrapServers: "%s", schemaRegistryUrl: "%s"}
                """.formatted(model, kafka.bootstrapServers(), registryUrl));
        Path out = Files.createTempDirectory(Path.of("target"), "loadtest-it");
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        LoadTestResult r = new LoadTestRunner(
                        scenario, ProcessorLauncher.serve(), out, new PrintStream(log, true, StandardCharsets.UTF_8))
                .run();

        JsonNode json = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        long sent = json.at("/throughput/sent").asLong();
        assertThat(sent).as("3 cameras x 4 fps x 6 s").isEqualTo(72);
        assertThat(json.at("/throughput/sendFailures").asLong()).isZero();
        assertThat(json.at("/exactlyOnce/produced").asLong()).isEqualTo(sent);
        assertThat(json.at("/exactlyOnce/lost").asLong()).isZero();
        assertThat(json.at("/exactlyOnce/duplicated").asLong()).isZero();
        assertThat(json.at("/exactlyOnce/verdicts").asLong()
                        + json.at("/exactlyOnce/deadLetters").asLong())
                .isEqualTo(sent);
        assertThat(json.at("/latency/count").asLong())
                .as("frames after the warm-up")
                .isBetween(40L, 48L);
        assertThat(json.at("/latency/p50").asLong()).isPositive();
        assertThat(json.at("/latency/p99").asLong())
                .isGreaterThanOrEqualTo(json.at("/latency/p50").asLong());
        assertThat(json.at("/setup/instances").asInt()).isEqualTo(1);
        assertThat(json.at("/timeline").size()).isGreaterThanOrEqualTo(6);
        assertThat(json.at("/instances/0/rssMaxMiB").asLong()).isGreaterThan(100);
        assertThat(json.at("/machine/cores").asInt()).isPositive();
        for (String png : Plots.FILES) {
            assertThat(ImageIO.read(out.resolve(png).toFile())).as(png).isNotNull();
        }

        // independently of the runner's audit: by frame id, every sent frame has exactly one verdict
        PipelineTopics topics = PipelineTopics.avro(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl))
                .withPrefix(r.topicPrefix());
        Map<String, Long> perFrame = verdicts(kafka, topics, 2).stream()
                .map(v -> v.value().getFrameId())
                .filter(id -> id.startsWith(OpenLoopGenerator.PREFIX))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        List<String> expected = new ArrayList<>();
        for (int n = 0; n < sent; n++) {
            expected.add(OpenLoopGenerator.PREFIX + n);
        }
        assertThat(perFrame.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(perFrame.values()).containsOnly(1L);
    }

    private static List<ConsumerRecord<String, FrameVerdict>> verdicts(
            KafkaCluster kafka, PipelineTopics topics, int partitions) {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, FrameVerdict>> out = new ArrayList<>();
        try (KafkaConsumer<String, FrameVerdict> consumer = new KafkaConsumer<>(
                config,
                topics.verdicts().keySerde().deserializer(),
                topics.verdicts().valueSerde().deserializer())) {
            List<TopicPartition> all = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                all.add(new TopicPartition(topics.verdicts().name(), p));
            }
            consumer.assign(all);
            consumer.seekToBeginning(all);
            Map<TopicPartition, Long> end = consumer.endOffsets(all, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && !all.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp))) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
