package io.ultraline.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.ultraline.app.PipelineService;
import io.ultraline.app.UltralineApplication;
import io.ultraline.avro.CalibrationAction;
import io.ultraline.avro.CalibrationCommand;
import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.ImageEncoding;
import io.ultraline.dev.EmbeddedKafka;
import io.ultraline.dev.EmbeddedSchemaRegistry;
import io.ultraline.serde.SerdeConfig;
import io.ultraline.stream.PipelineTopics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/**
 * Every metric the Grafana dashboard and the PrometheusRules of k8s/monitoring read exists in the
 * {@code /prometheus} output of the real service, on a real broker and registry, once a camera has
 * been calibrated, frames scored, an alert opened and one record dead-lettered (the lazily created
 * series exist then). The scrape is written to target/monitoring-metrics.prom for reading.
 */
class MonitoringMetricsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int SIDE = 64;
    private static final String CAMERA = "mon-cam";

    @Test
    void everyMetricOfTheDashboardAndTheRulesIsExported() throws Exception {
        Map<String, String> expressions = MonitoringQueries.all();
        Set<String> wanted = MonitoringQueries.metricNames(expressions);
        assertThat(wanted).as("names found in " + expressions.keySet()).hasSizeGreaterThan(10);

        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.shared();
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().build().start()) {
            String prefix = "mon-" + UUID.randomUUID().toString().substring(0, 8) + ".";
            PipelineTopics topics = PipelineTopics.avro(
                            Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.confluentApiUrl()))
                    .withPrefix(prefix);
            for (String t : topics.names()) {
                kafka.createTopic(t, 2);
            }
            try (ApplicationContext app = UltralineApplication.start(settings(kafka, registry, prefix))) {
                String base = "http://127.0.0.1:" + UltralineApplication.port(app);
                await().atMost(Duration.ofMinutes(2))
                        .until(() -> get(base + "/health/readiness").statusCode() == 200);
                passThroughKeysReachTheStreamsClient(app);
                send(kafka, topics);
                Path saved = Path.of("target/monitoring-metrics.prom");
                // Micrometer binds Kafka client metrics created after start (per-partition lag) at its
                // next look, up to 60 s later
                await().atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofSeconds(2))
                        .untilAsserted(() -> {
                            String scrape = get(base + "/prometheus").body();
                            Files.writeString(saved, scrape);
                            assertThat(missing(wanted, scrape))
                                    .as("metrics the dashboard or rules read that /prometheus "
                                            + "does not export (last scrape in " + saved + ")")
                                    .isEmpty();
                        });
            }
        }
    }

    private static Set<String> missing(Set<String> wanted, String exposition) {
        Set<String> out = new TreeSet<>(wanted);
        out.removeAll(MonitoringQueries.exposedNames(exposition));
        return out;
    }

    /**
     * Pass-through keys (set in {@link #settings}) are in the configuration the streams client was
     * created with, and in what it derives for its main consumer. Checked here because this test
     * has a running service anyway.
     */
    private static void passThroughKeysReachTheStreamsClient(ApplicationContext app) {
        StreamsConfig effective =
                new StreamsConfig(app.getBean(PipelineService.class).streamsSettings());
        assertThat(effective.getInt(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isEqualTo(1);
        assertThat(effective.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(250L);
        assertThat(effective.getMainConsumerConfigs("g", "c", 0))
                .containsEntry(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "9000000");
    }

    private static Map<String, Object> settings(EmbeddedKafka kafka, EmbeddedSchemaRegistry registry, String prefix)
            throws Exception {
        Map<String, Object> p = new HashMap<>();
        p.put("ultraline.model-dir", K8sTree.root().resolve("models/line-vit").toString());
        p.put("ultraline.kafka.bootstrap-servers", kafka.bootstrapServers());
        p.put("ultraline.kafka.application-id", prefix + "app");
        p.put(
                "ultraline.kafka.state-dir",
                Files.createTempDirectory(Files.createDirectories(Path.of("target")), "mon-state")
                        .toString());
        p.put("ultraline.kafka.topic-prefix", prefix);
        p.put("ultraline.registry.url", registry.confluentApiUrl());
        p.put("ultraline.security.enabled", false);
        p.put("ultraline.pipeline.inference.batch.max-wait", "50");
        // the frames sent once must get verdicts: learning W would push the 3-frame profile past the
        // inline wait on a loaded machine, leaving them CALIBRATING (W has no metric of its own)
        p.put("ultraline.pipeline.calibration.concept-transform", "none");
        p.put("ultraline.kafka.properties.num.standby.replicas", "1");
        p.put("ultraline.kafka.properties.commit.interval.ms", "250");
        p.put("ultraline.kafka.properties.consumer.max.partition.fetch.bytes", "9000000");
        p.put("ultraline.pipeline.alerts.rules.defect-burst.open", "1");
        p.put("ultraline.pipeline.alerts.rules.defect-burst.clear", "0");
        p.put("micronaut.server.host", "127.0.0.1");
        p.put("micronaut.server.port", -1);
        return p;
    }

    /** A calibration of 3 frames, 2 frames scored after it (one a DEFECT), and a record that is not Avro. */
    private static void send(EmbeddedKafka kafka, PipelineTopics topics) throws Exception {
        Random random = new Random(7);
        long now = System.currentTimeMillis();
        try (KafkaProducer<String, CalibrationCommand> commands = new KafkaProducer<>(
                        kafka.clientConfig(),
                        topics.calibration().keySerde().serializer(),
                        topics.calibration().valueSerde().serializer());
                KafkaProducer<String, CameraFrame> frames = new KafkaProducer<>(
                        kafka.clientConfig(),
                        topics.frames().keySerde().serializer(),
                        topics.frames().valueSerde().serializer());
                KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(
                        kafka.clientConfig(), new ByteArraySerializer(), new ByteArraySerializer())) {
            commands.send(new ProducerRecord<>(
                            topics.calibration().name(),
                            null,
                            now,
                            CAMERA,
                            CalibrationCommand.newBuilder()
                                    .setCommandId("mon-" + UUID.randomUUID())
                                    .setCameraId(CAMERA)
                                    .setAction(CalibrationAction.START)
                                    .setFrameCount(3)
                                    .setRequestedBy("MonitoringMetricsIT")
                                    .setTimestamp(Instant.ofEpochMilli(now))
                                    .build()))
                    .get();
            for (int i = 0; i < 5; i++) {
                byte[] pixels = new byte[SIDE * SIDE];
                if (i < 4) {
                    random.nextBytes(pixels);
                } else {
                    // a flat white frame after a calibration on noise: a DEFECT, which opens an alert
                    java.util.Arrays.fill(pixels, (byte) 255);
                }
                long t = now + 100 + i;
                frames.send(new ProducerRecord<>(
                                topics.frames().name(),
                                null,
                                t,
                                CAMERA,
                                CameraFrame.newBuilder()
                                        .setCameraId(CAMERA)
                                        .setLineId("line-m")
                                        .setFrameId(CAMERA + "-" + i)
                                        .setCaptureTimestamp(Instant.ofEpochMilli(t))
                                        .setEncoding(ImageEncoding.GRAY8)
                                        .setWidth(SIDE)
                                        .setHeight(SIDE)
                                        .setImage(ByteBuffer.wrap(pixels))
                                        .setProductId(null)
                                        .setAttributes(Map.of())
                                        .build()))
                        .get();
            }
            raw.send(new ProducerRecord<>(
                            topics.frames().name(),
                            null,
                            now + 200,
                            CAMERA.getBytes(StandardCharsets.UTF_8),
                            "not avro".getBytes(StandardCharsets.UTF_8)))
                    .get();
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
