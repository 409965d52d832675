package io.ultraline.cli;

import io.micronaut.context.ApplicationContext;
import io.ultraline.app.UltralineApplication;
import io.ultraline.avro.CalibrationCommand;
import io.ultraline.avro.CameraFrame;
import io.ultraline.dev.CameraLineSimulator;
import io.ultraline.dev.EmbeddedKafka;
import io.ultraline.dev.EmbeddedSchemaRegistry;
import io.ultraline.files.DirectoryTrees;
import io.ultraline.serde.SerdeConfig;
import io.ultraline.stream.PipelineTopics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: a broker, a schema registry, the service with the shipped model (security
 * off, on 127.0.0.1) and a simulated camera line, all in this process (the registry as its child),
 * with temporary data that {@link #close()} removes.
 *
 * <p>One JVM shutdown hook, registered before anything starts, closes it all in order: the line,
 * the service, the registry, the broker. The broker and the registry are started without hooks
 * of their own, because the JVM runs all hooks at once: with theirs, Ctrl-C stopped the broker
 * while the streams client was still closing, which then spent its close timeout retrying against
 * it with a warning per attempt (45 s and hundreds of WARN lines).
 */
public final class Demo implements AutoCloseable {

    /**
     * @param modelDir      the model the service runs
     * @param kafkaPort     broker port on 127.0.0.1, 0 for a free one
     * @param registryPort  registry port on 127.0.0.1, 0 for a free one
     * @param httpPort      dashboard/API port on 127.0.0.1, 0 for a free one
     * @param partitions    partitions of every topic
     * @param line          the simulated line, or null for none (the caller sends frames itself)
     */
    public record Settings(
            Path modelDir,
            int kafkaPort,
            int registryPort,
            int httpPort,
            int partitions,
            CameraLineSimulator.Settings line) {
        public Settings {
            Objects.requireNonNull(modelDir, "modelDir");
            if (partitions < 1) {
                throw new IllegalArgumentException("partitions must be >= 1");
            }
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(Demo.class);

    private final Path workDir;
    private final Thread shutdownHook;
    private boolean closed;
    private EmbeddedKafka kafka;
    private EmbeddedSchemaRegistry registry;
    private ApplicationContext service;
    private KafkaProducer<String, CameraFrame> frameProducer;
    private KafkaProducer<String, CalibrationCommand> commandProducer;
    private CameraLineSimulator simulator;
    private PipelineTopics topics;

    private Demo(Path workDir) {
        this.workDir = workDir;
        this.shutdownHook = new Thread(this::close, "ultraline-demo-shutdown-hook");
    }

    /** Starts everything; on failure, stops what had started and rethrows. */
    public static Demo start(Settings settings) {
        Demo demo;
        try {
            demo = new Demo(Files.createTempDirectory("ultraline-demo"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(demo.shutdownHook);
        try {
            demo.startAll(settings);
            return demo;
        } catch (RuntimeException e) {
            demo.close();
            throw e;
        }
    }

    private void startAll(Settings s) {
        EmbeddedKafka.Builder broker =
                EmbeddedKafka.builder().dataDir(workDir.resolve("kafka")).closedByOwner();
        if (s.kafkaPort() > 0) {
            broker.brokerPort(s.kafkaPort());
        }
        kafka = keep(broker.build().start());
        registry = keep(s.registryPort() > 0
                        ? EmbeddedSchemaRegistry.start(s.registryPort())
                        : EmbeddedSchemaRegistry.start())
                .closedByOwner();
        topics = PipelineTopics.avro(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.confluentApiUrl()));
        for (String topic : topics.names()) {
            kafka.createTopic(topic, s.partitions());
        }
        Map<String, Object> props = new HashMap<>();
        props.put("ultraline.model-dir", s.modelDir().toAbsolutePath().toString());
        props.put("ultraline.kafka.bootstrap-servers", kafka.bootstrapServers());
        props.put("ultraline.kafka.application-id", "ultraline-demo");
        props.put("ultraline.kafka.state-dir", workDir.resolve("state").toString());
        props.put("ultraline.kafka.topic-prefix", "");
        props.put("ultraline.kafka.security-protocol", "PLAINTEXT");
        props.put("ultraline.registry.url", registry.confluentApiUrl());
        props.put("ultraline.security.enabled", false);
        props.put("micronaut.server.host", "127.0.0.1");
        props.put("micronaut.server.port", s.httpPort() > 0 ? s.httpPort() : -1);
        service = keep(UltralineApplication.start(props));

        if (s.line() == null) {
            return;
        }
        Map<String, Object> producerConfig = new HashMap<>(kafka.clientConfig());
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        frameProducer = new KafkaProducer<>(
                producerConfig,
                topics.frames().keySerde().serializer(),
                topics.frames().valueSerde().serializer());
        commandProducer = new KafkaProducer<>(
                producerConfig,
                topics.calibration().keySerde().serializer(),
                topics.calibration().valueSerde().serializer());
        simulator =
                new CameraLineSimulator(s.line(), frameProducer, topics.frames().name());
        simulator.start(commandProducer, topics.calibration().name());
    }

    /**
     * Takes a part that has started; if Ctrl-C closed the demo meanwhile, closes the part too (the
     * registry is a child process, which would outlive this JVM) and stops the start-up.
     */
    private synchronized <T extends AutoCloseable> T keep(T started) {
        if (closed) {
            closeQuietly(started);
            throw new IllegalStateException("the demo was stopped while it was starting");
        }
        return started;
    }

    public String dashboardUrl() {
        return "http://127.0.0.1:" + UltralineApplication.port(service) + "/";
    }

    public int httpPort() {
        return UltralineApplication.port(service);
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String registryUrl() {
        return registry.confluentApiUrl();
    }

    public PipelineTopics topics() {
        return topics;
    }

    /** The temporary directory holding the broker's and the service's data; gone after close. */
    public Path workDir() {
        return workDir;
    }

    /** The simulated line, or null when the demo runs without one. */
    public CameraLineSimulator simulator() {
        return simulator;
    }

    /**
     * Stops the line, the service, the registry and the broker, in that order, and removes the
     * temporary data. Safe to call from several threads (Ctrl-C while a caller closes it): the
     * first does the work, the others wait for it.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long began = System.nanoTime();
        closeQuietly(simulator);
        closeQuietly(frameProducer);
        closeQuietly(commandProducer);
        closeQuietly(service);
        closeQuietly(registry);
        closeQuietly(kafka);
        try {
            DirectoryTrees.delete(workDir);
        } catch (IOException e) {
            // best effort: a temp dir left behind is harmless
        }
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException jvmShuttingDown) {
                // the hook runs anyway and finds the demo closed
            }
        }
        LOG.info("Demo stopped in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                // keep stopping the rest
            }
        }
    }
}
