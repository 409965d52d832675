package io.ultraline.cli;

import io.micronaut.context.ApplicationContext;
import io.ultraline.app.UltralineApplication;
import io.ultraline.dev.EmbeddedSchemaRegistry;
import io.ultraline.dev.KafkaCluster;
import io.ultraline.dev.TestKafka;
import io.ultraline.serde.SerdeConfig;
import io.ultraline.stream.PipelineTopics;
import io.ultraline.stream.TestModels;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The real service (Micronaut, the inspection topology over the tiny test model, security on) on
 * the shared embedded broker and registry, under a topic prefix of its own, for the CLI ITs; and
 * the command line run in-process against it, with its output captured.
 */
final class RunningService implements AutoCloseable {

    static final String TOKEN = "cli-it-token-0123456789abcdef";
    static final int PARTITIONS = 2;
    static final Duration TIMEOUT = Duration.ofMinutes(2);

    /** A command line's exit code and what it printed. */
    record Run(int code, String out, String err) {}

    final KafkaCluster kafka = TestKafka.shared();
    final String registryUrl = EmbeddedSchemaRegistry.shared().confluentApiUrl();
    final String prefix = "cli-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    final PipelineTopics topics = PipelineTopics.avro(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl))
            .withPrefix(prefix);
    private final List<KafkaConsumer<?, ?>> consumers = new ArrayList<>();
    private final ApplicationContext app;

    RunningService() throws Exception {
        this(Map.of());
    }

    /** A service with these properties on top of the tests' own (e.g. ultraline.pipeline.explanations.mode). */
    RunningService(Map<String, Object> overrides) throws Exception {
        for (String topic : topics.names()) {
            kafka.createTopic(topic, PARTITIONS);
        }
        Map<String, Object> p = new HashMap<>();
        p.put("ultraline.model-dir", TestModels.modelDir().toString());
        p.put("ultraline.kafka.bootstrap-servers", kafka.bootstrapServers());
        p.put("ultraline.kafka.application-id", prefix + "app");
        p.put(
                "ultraline.kafka.state-dir",
                Files.createTempDirectory(Files.createDirectories(Path.of("target")), "cli-it-state")
                        .toString());
        p.put("ultraline.kafka.topic-prefix", prefix);
        p.put("ultraline.registry.url", registryUrl);
        p.put("ultraline.security.enabled", true);
        p.put("ultraline.security.token", TOKEN);
        p.put("ultraline.pipeline.inference.batch.max-wait", "50");
        p.put("micronaut.server.host", "127.0.0.1");
        p.put("micronaut.server.port", -1);
        p.putAll(overrides);
        app = UltralineApplication.start(p);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + UltralineApplication.port(app);
    }

    /** The Kafka options every topic command takes. */
    List<String> connection() {
        return List.of(
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--registry-url",
                registryUrl,
                "--topic-prefix",
                prefix);
    }

    /** Runs the command line in this JVM with {@code stdin} as its standard input. */
    static synchronized Run cli(InputStream stdin, List<String> args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        InputStream in = System.in;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            if (stdin != null) {
                System.setIn(stdin);
            }
            int code = Main.run(args.toArray(String[]::new));
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
            System.setIn(in);
        }
    }

    /** A read_committed reader of a topic from its beginning. */
    <K, V> Reader<K, V> reader(io.ultraline.stream.Topic<K, V> topic) {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Deserializer<K> keys = topic.keySerde().deserializer();
        KafkaConsumer<K, V> consumer =
                new KafkaConsumer<>(config, keys, topic.valueSerde().deserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            partitions.add(new TopicPartition(topic.name(), p));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        consumers.add(consumer);
        return new Reader<>(consumer);
    }

    @Override
    public void close() {
        consumers.forEach(KafkaConsumer::close);
        app.close();
    }

    /** Accumulates what a consumer has seen. */
    static final class Reader<K, V> {
        private final KafkaConsumer<K, V> consumer;
        private final List<ConsumerRecord<K, V>> records = new ArrayList<>();

        Reader(KafkaConsumer<K, V> consumer) {
            this.consumer = consumer;
        }

        /** Polls until at least {@code count} records were seen matching nothing in particular. */
        List<ConsumerRecord<K, V>> await(int count) {
            org.awaitility.Awaitility.await()
                    .atMost(TIMEOUT)
                    .pollInterval(Duration.ZERO)
                    .until(() -> poll().size() >= count);
            return List.copyOf(records);
        }

        List<ConsumerRecord<K, V>> poll() {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            return List.copyOf(records);
        }
    }
}
