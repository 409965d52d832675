package io.ultraline.loadtest;

import io.ultraline.avro.CalibrationCommand;
import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.RejectedFrame;
import io.ultraline.bench.BenchFrames;
import io.ultraline.bench.PipelineBenchmark;
import io.ultraline.bench.VerdictCounter;
import io.ultraline.serde.SerdeConfig;
import io.ultraline.stream.ExplainConfig;
import io.ultraline.stream.PipelineTopics;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/**
 * Runs one {@link Scenario}: reaches the stack ({@link Stack}), creates the run's topics (a fresh
 * prefix per run), launches the processor instances and waits until their group is stable,
 * calibrates every camera, offers the load open loop (a fixed rate, or a staircase for a search),
 * kills an instance if asked, drains, audits the output topics read_committed, stops everything
 * and writes results.json and the plots into the output folder. Every step has a timeout, so a run
 * always ends by itself.
 */
public final class LoadTestRunner {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration AUDIT_TIMEOUT = Duration.ofSeconds(60);

    private final Scenario scenario;
    private final ProcessorLauncher launcher;
    private final Path outDir;
    private final PrintStream log;

    public LoadTestRunner(Scenario scenario, ProcessorLauncher launcher, Path outDir, PrintStream log) {
        this.scenario = scenario;
        this.launcher = launcher;
        this.outDir = outDir;
        this.log = log;
    }

    public LoadTestResult run() throws Exception {
        Files.createDirectories(outDir);
        double loadBefore = loadAverage();
        String startedAt = Instant.now().toString();
        try (Stack stack = Stack.of(scenario, log)) {
            String prefix = "lt-" + UUID.randomUUID().toString().substring(0, 8) + ".";
            String applicationId = prefix + "ultraline";
            PipelineTopics topics = PipelineTopics.avro(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, stack.registryUrl()))
                    .withPrefix(prefix);
            for (String topic : topics.names()) {
                stack.kafka().createTopic(topic, scenario.partitions());
            }
            List<ProcessorInstance> instances = new ArrayList<>();
            try {
                for (int i = 0; i < scenario.instances(); i++) {
                    instances.add(launcher.launch(instanceConfig(i, stack, applicationId, prefix)));
                }
                log.printf(
                        "launched %d instance(s) of %s; rendering the frame pool ...%n",
                        instances.size(), launcher.mainClass());
                BenchFrames frames = new BenchFrames(
                        CameraIds.balanced(scenario.cameras(), scenario.partitions()),
                        scenario.frames().size(),
                        scenario.frames().poolPerCamera(),
                        scenario.calibrationFrames(),
                        scenario.frames().defectRate(),
                        scenario.frames().encoding());
                for (ProcessorInstance instance : instances) {
                    instance.awaitReady(READY_TIMEOUT);
                }
                try (Admin admin = Admin.create(stack.kafka().clientConfig())) {
                    awaitStableGroup(admin, applicationId, instances.size());
                    log.println("instances ready, group stable");
                    return drive(stack, admin, topics, applicationId, frames, instances, loadBefore, startedAt, prefix);
                }
            } finally {
                for (ProcessorInstance instance : instances) {
                    instance.stop(Duration.ofSeconds(20));
                }
            }
        }
    }

    private LoadTestResult drive(
            Stack stack,
            Admin admin,
            PipelineTopics topics,
            String applicationId,
            BenchFrames frames,
            List<ProcessorInstance> instances,
            double loadBefore,
            String startedAt,
            String prefix)
            throws Exception {
        Map<String, Object> producerConfig = new HashMap<>(stack.kafka().clientConfig());
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        LiveBooks books = new LiveBooks();
        AcknowledgedOffsets produced = new AcknowledgedOffsets();
        try (VerdictCounter verdicts = new VerdictCounter(verdictConsumer(stack, topics), books);
                DeadLetterWatcher deadLetters = new DeadLetterWatcher(deadLetterConsumer(stack, topics), books);
                KafkaProducer<String, CameraFrame> producer = new KafkaProducer<>(
                        producerConfig,
                        topics.frames().keySerde().serializer(),
                        topics.frames().valueSerde().serializer());
                KafkaProducer<String, CalibrationCommand> commands = new KafkaProducer<>(
                        producerConfig,
                        topics.calibration().keySerde().serializer(),
                        topics.calibration().valueSerde().serializer())) {
            verdicts.start();
            deadLetters.start();
            PipelineBenchmark.calibrate(
                    frames, producer, commands, topics, verdicts, scenario.calibrationFrames(), log);
            OpenLoopGenerator generator =
                    new OpenLoopGenerator(frames, producer, topics.frames().name(), produced, Pacer.Clock.SYSTEM);
            long start = System.currentTimeMillis();
            LoadPhases.Result phases;
            try (Sampler sampler = new Sampler(
                    books,
                    generator::sent,
                    admin,
                    applicationId,
                    topics.frames().name(),
                    scenario.partitions(),
                    instances,
                    start)) {
                sampler.start();
                LoadPhases load = new LoadPhases(scenario, generator, books, sampler, log);
                phases = scenario.search().isPresent() ? load.search(start) : load.fixed(instances, start);
                awaitOutcomes(books, produced, generator, scenario.drainTimeout());
                TimeUnit.MILLISECONDS.sleep(1500); // one more sample after the drain
                sampler.close();
                log.println("auditing the output topics (read_committed) ...");
                ExactlyOnceCheck check = ExactlyOnceCheck.of(
                        produced.snapshot(),
                        OutcomeAudit.sources(
                                stack.kafka().clientConfig(),
                                topics.verdicts(),
                                scenario.partitions(),
                                FrameVerdict::getSource,
                                AUDIT_TIMEOUT),
                        OutcomeAudit.sources(
                                stack.kafka().clientConfig(),
                                topics.deadLetters(),
                                scenario.partitions(),
                                RejectedFrame::getSource,
                                AUDIT_TIMEOUT));
                return result(
                        phases,
                        sampler.samples(),
                        check,
                        books,
                        generator,
                        instances,
                        loadBefore,
                        new RunId(startedAt, prefix, applicationId));
            }
        }
    }

    /** When the run started, and the names its topics and consumer group got. */
    private record RunId(String startedAt, String topicPrefix, String applicationId) {}

    private void awaitOutcomes(
            LiveBooks books, AcknowledgedOffsets produced, OpenLoopGenerator generator, Duration timeout)
            throws InterruptedException {
        log.printf("draining: %d of %d frames have an outcome ...%n", books.outcomes(), generator.sent());
        if (!LoadPhases.awaitQuiet(books, generator, timeout)) {
            log.printf(
                    "drain timed out after %d s: %d of %d frames have an outcome%n",
                    timeout.toSeconds(), books.outcomes(), produced.size());
        }
    }

    private LoadTestResult result(
            LoadPhases.Result phases,
            List<Sample> samples,
            ExactlyOnceCheck check,
            LiveBooks books,
            OpenLoopGenerator generator,
            List<ProcessorInstance> instances,
            double loadBefore,
            RunId run)
            throws IOException {
        LoadTestResult.Latency latency = phases.measured() == null
                ? null
                : LoadTestResult.Latency.of(
                        phases.measured().name(), phases.measuredFps(), LiveBooks.copy(phases.measured()));
        Double delivered = null;
        RunAnalysis.Recovery recovery = null;
        if (scenario.search().isEmpty()) {
            delivered = deliveredOver(samples, scenario.warmUp().toMillis(), phases.loadEndMs());
            if (phases.killAtMs() >= 0) {
                recovery = RunAnalysis.recovery(
                        samples,
                        phases.killAtMs(),
                        phases.loadEndMs(),
                        RunAnalysis.backlogBound(scenario.offeredFps(), scenario.batchSize(), scenario.instances()));
            }
        }
        List<LoadTestResult.Instance> inst = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            int k = i;
            long[] rss = samples.stream()
                    .mapToLong(s -> s.rssKiB()[k])
                    .filter(v -> v > 0)
                    .sorted()
                    .toArray();
            inst.add(new LoadTestResult.Instance(
                    i,
                    instances.get(i).pid(),
                    instances.get(i).killedAtMillis() > 0,
                    rss.length == 0 ? -1 : rss[rss.length - 1] / 1024,
                    rss.length == 0 ? -1 : lastRss(samples, k) / 1024,
                    rss.length == 0 ? -1 : rss[rss.length / 2] / 1024));
        }
        Scenario s = scenario;
        LoadTestResult result = new LoadTestResult(
                s.name(),
                launcher.mainClass() + " " + String.join(" ", launcher.args()).trim(),
                run.startedAt(),
                run.topicPrefix(),
                run.applicationId(),
                new LoadTestResult.Machine(
                        Runtime.getRuntime().availableProcessors(),
                        loadBefore,
                        loadAverage(),
                        System.getProperty("java.version")),
                new LoadTestResult.Setup(
                        s.cameras(),
                        s.partitions(),
                        s.instances(),
                        s.batchSize(),
                        s.batchMaxWait().toMillis(),
                        s.frames().size(),
                        s.frames().encoding().name(),
                        s.frames().defectRate(),
                        s.search().isEmpty() ? s.offeredFps() : null,
                        s.duration().toMillis(),
                        s.warmUp().toMillis(),
                        s.modelDir().toString(),
                        s.explain().map(LoadTestRunner::describe).orElse("service default")),
                latency,
                new LoadTestResult.Throughput(
                        generator.sent(),
                        generator.failed(),
                        generator.maxLateMs(),
                        delivered,
                        books.verdicts(),
                        books.defects(),
                        books.deadLetters()),
                check,
                recovery,
                phases.steps(),
                phases.maxSustainable(),
                inst,
                samples);
        result.write(outDir.resolve("results.json"));
        Plots.write(result, phases.killAtMs(), s.search().isEmpty() ? s.warmUp().toMillis() : -1, outDir);
        return result;
    }

    private static long lastRss(List<Sample> samples, int instance) {
        for (int i = samples.size() - 1; i >= 0; i--) {
            long v = samples.get(i).rssKiB()[instance];
            if (v > 0) {
                return v;
            }
        }
        return -1;
    }

    /** Outcomes per second between two sample times. */
    static Double deliveredOver(List<Sample> samples, long fromMs, long toMs) {
        Sample a = null;
        Sample b = null;
        for (Sample s : samples) {
            if (a == null && s.tMs() >= fromMs) {
                a = s;
            }
            if (s.tMs() <= toMs) {
                b = s;
            }
        }
        if (a == null || b == null || b.tMs() <= a.tMs()) {
            return null;
        }
        return ((b.verdicts() + b.deadLetters()) - (a.verdicts() + a.deadLetters())) * 1000.0 / (b.tMs() - a.tMs());
    }

    private InstanceConfig instanceConfig(int i, Stack stack, String applicationId, String prefix) throws IOException {
        return new InstanceConfig(
                i,
                stack.kafka().bootstrapServers(),
                stack.registryUrl(),
                scenario.modelDir(),
                Files.createDirectories(outDir.resolve("state-" + i)),
                applicationId,
                prefix,
                freePort(),
                scenario.batchSize(),
                scenario.batchMaxWait(),
                scenario.modelThreads(),
                scenario.heap(),
                scenario.sessionTimeout().orElse(null),
                scenario.explain().orElse(null),
                outDir.resolve("instance-" + i + ".log"));
    }

    /** The explain settings as the report shows them, e.g. {@code sampled, K 20, T 16, anomalous}. */
    static String describe(ExplainConfig e) {
        String mode = e.mode().name().toLowerCase(Locale.ROOT);
        return e.mode().twoStage()
                ? String.format(
                        Locale.ROOT,
                        "%s, K %d, T %d, %s, near %.2f",
                        mode,
                        e.sampleEvery(),
                        e.targets(),
                        e.strategy(),
                        e.nearThreshold())
                : mode;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Waits until the application's group is stable with one member per instance (one stream thread each). */
    private static void awaitStableGroup(Admin admin, String groupId, int members) throws Exception {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(groupId))
                    .all()
                    .get(10, TimeUnit.SECONDS)
                    .get(groupId);
            last = d.groupState() + " with " + d.members().size() + " member(s)";
            if (d.groupState() == GroupState.STABLE
                    && d.members().size() == members
                    && d.members().stream()
                            .allMatch(m -> !m.assignment().topicPartitions().isEmpty())) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        throw new IllegalStateException("group " + groupId + " not stable with " + members + " members: " + last);
    }

    private KafkaConsumer<String, FrameVerdict> verdictConsumer(Stack stack, PipelineTopics topics) {
        KafkaConsumer<String, FrameVerdict> c = new KafkaConsumer<>(
                readCommitted(stack),
                topics.verdicts().keySerde().deserializer(),
                topics.verdicts().valueSerde().deserializer());
        assignAll(c, topics.verdicts().name());
        return c;
    }

    private KafkaConsumer<byte[], RejectedFrame> deadLetterConsumer(Stack stack, PipelineTopics topics) {
        KafkaConsumer<byte[], RejectedFrame> c = new KafkaConsumer<>(
                readCommitted(stack),
                topics.deadLetters().keySerde().deserializer(),
                topics.deadLetters().valueSerde().deserializer());
        assignAll(c, topics.deadLetters().name());
        return c;
    }

    private Map<String, Object> readCommitted(Stack stack) {
        Map<String, Object> config = new HashMap<>(stack.kafka().clientConfig());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return config;
    }

    private void assignAll(KafkaConsumer<?, ?> consumer, String topic) {
        List<TopicPartition> all = new ArrayList<>();
        for (int p = 0; p < scenario.partitions(); p++) {
            all.add(new TopicPartition(topic, p));
        }
        consumer.assign(all);
        consumer.seekToBeginning(all);
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
