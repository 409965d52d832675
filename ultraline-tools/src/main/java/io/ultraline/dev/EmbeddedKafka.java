package io.ultraline.dev;

import io.ultraline.files.DirectoryTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka cluster in this JVM: one KRaft process that is both broker and
 * controller, listening on 127.0.0.1 only.
 *
 * <p>The data directory is formatted on first start and reused afterwards, so {@link #stop()}
 * followed by {@link #start()} keeps topics and records; ports chosen at first start are kept
 * too, so {@link #bootstrapServers()} does not change across a restart. {@link #close()} deletes
 * the directory only when this instance created it. A JVM shutdown hook closes a forgotten
 * instance, unless the builder was told the owner stops it ({@link Builder#closedByOwner()}).
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.builder().build().start()) {
 *     kafka.createTopic("frames", 3);
 * }
 * }</pre>
 */
public final class EmbeddedKafka implements KafkaCluster {

    /** Listener for plain clients and for the broker's own inter-broker traffic. */
    public static final String CLIENT_LISTENER = "PLAINTEXT";
    /** Listener of the KRaft controller; clients never use it. */
    public static final String CONTROLLER_LISTENER = "CONTROLLER";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;

    private final Path dataDir;
    private final boolean ownsDataDir;
    private final Duration startupTimeout;
    private final List<BrokerListener> listeners;
    private final Map<String, String> overrides;
    private final boolean closeOnJvmShutdown;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private KafkaRaftServer server;
    private Thread shutdownHook;
    private boolean closed;

    private EmbeddedKafka(Builder builder, Path dataDir, boolean ownsDataDir) {
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
        this.startupTimeout = builder.startupTimeout;
        this.listeners = List.copyOf(builder.listeners.values());
        this.overrides = Map.copyOf(builder.overrides);
        this.closeOnJvmShutdown = builder.closeOnJvmShutdown;
        listeners.forEach(l -> ports.put(l.name(), l.port()));
    }

    /** A builder with free ports, a temporary data directory and single-node defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Formats the data directory if it is not formatted yet, starts the server and waits until
     * the broker answers clients. Calling it on a running instance does nothing.
     *
     * @throws IllegalStateException when the broker is not ready within the startup timeout
     */
    public synchronized EmbeddedKafka start() {
        if (closed) {
            throw new IllegalStateException("EmbeddedKafka at " + dataDir + " is closed");
        }
        if (server != null) {
            return this;
        }
        long began = System.nanoTime();
        assignFreePorts(ports);
        KafkaConfig config = KafkaConfig.fromProps(brokerProperties(), false);
        if (!KRaftStorage.isFormatted(dataDir)) {
            KRaftStorage.format(config);
        }
        registerShutdownHook();
        KafkaRaftServer started = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            startWithin(started, began);
            awaitBrokerReady(began);
        } catch (RuntimeException e) {
            shutDown(started);
            throw e;
        }
        server = started;
        LOG.info(
                "Embedded Kafka {} ready at {} in {} ms (data {})",
                clusterId(),
                bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began),
                dataDir);
        return this;
    }

    /** Shuts the server down cleanly and waits for it; the data directory stays. */
    public synchronized void stop() {
        if (server != null) {
            KafkaRaftServer stopping = server;
            server = null;
            shutDown(stopping);
        }
    }

    /** Stops the server, deletes a data directory this instance created, drops the shutdown hook. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop();
        if (ownsDataDir) {
            deleteRecursively(dataDir);
        }
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException jvmAlreadyShuttingDown) {
                // the hook runs anyway and finds the instance closed
            }
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers(CLIENT_LISTENER);
    }

    /** {@code host:port} of one client listener, e.g. {@link BrokerListener#SASL_PLAIN}. */
    public synchronized String bootstrapServers(String listenerName) {
        Integer port = ports.get(listenerName);
        if (port == null || listenerName.equals(CONTROLLER_LISTENER)) {
            throw new IllegalArgumentException(
                    "No client listener named " + listenerName + "; known: " + clientListenerNames());
        }
        if (port == 0) {
            throw new IllegalStateException("Ports are chosen at first start(); call start() first");
        }
        return HOST + ":" + port;
    }

    /** Where the broker keeps its logs and KRaft metadata. */
    public Path dataDir() {
        return dataDir;
    }

    /** The cluster id from the formatted data directory, or null before the first start. */
    public String clusterId() {
        return KRaftStorage.isFormatted(dataDir) ? KRaftStorage.clusterId(dataDir) : null;
    }

    /** The broker settings this instance starts with; ports must be resolved already. */
    Properties brokerProperties() {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + ports.get(CONTROLLER_LISTENER));
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", CLIENT_LISTENER);
        props.put("listeners", listenerList(listeners));
        props.put("advertised.listeners", listenerList(clientListeners()));
        props.put(
                "listener.security.protocol.map",
                listeners.stream().map(l -> l.name() + ":" + l.protocol().name).collect(Collectors.joining(",")));
        props.put("log.dirs", dataDir.toString());
        props.putAll(Builder.SINGLE_NODE_DEFAULTS);
        listeners.forEach(l -> props.putAll(l.prefixedConfig()));
        props.putAll(overrides);
        return props;
    }

    private void startWithin(KafkaRaftServer starting, long began) {
        CompletableFuture<Void> startup = CompletableFuture.runAsync(starting::startup, task -> {
            Thread thread = new Thread(task, "embedded-kafka-startup");
            thread.setDaemon(true);
            thread.start();
        });
        try {
            startup.get(remainingMillis(began), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Embedded Kafka failed to start: " + describe(), e.getCause());
        } catch (TimeoutException e) {
            throw notReady(began, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting embedded Kafka", e);
        }
    }

    /** Startup returns once the broker is unfenced; this proves a client really gets through. */
    private void awaitBrokerReady(long began) {
        Map<String, Object> adminConfig = Map.of(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(),
                CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG,
                200);
        Throwable lastError = null;
        try (Admin admin = Admin.create(adminConfig)) {
            while (remainingMillis(began) > 0) {
                var options = new DescribeClusterOptions().timeoutMs((int) remainingMillis(began));
                try {
                    Collection<Node> nodes =
                            admin.describeCluster(options).nodes().get();
                    if (nodes.stream().anyMatch(n -> n.id() == NODE_ID)) {
                        return;
                    }
                    TimeUnit.MILLISECONDS.sleep(20);
                } catch (ExecutionException e) {
                    lastError = e.getCause();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for embedded Kafka", e);
        }
        throw notReady(began, lastError);
    }

    private long remainingMillis(long began) {
        return startupTimeout.toMillis() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
    }

    private IllegalStateException notReady(long began, Throwable cause) {
        return new IllegalStateException(
                "Embedded Kafka was not ready within " + startupTimeout.toSeconds() + " s: " + describe(), cause);
    }

    private String describe() {
        return "listeners " + listenerList(listeners) + ", data dir " + dataDir;
    }

    private static void shutDown(KafkaRaftServer stopping) {
        try {
            stopping.shutdown();
            stopping.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("Embedded Kafka did not shut down cleanly", e);
        }
    }

    private void registerShutdownHook() {
        if (closeOnJvmShutdown && shutdownHook == null) {
            shutdownHook = new Thread(this::close, "embedded-kafka-shutdown-hook");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    private List<BrokerListener> clientListeners() {
        return listeners.stream()
                .filter(l -> !l.name().equals(CONTROLLER_LISTENER))
                .toList();
    }

    private List<String> clientListenerNames() {
        return clientListeners().stream().map(BrokerListener::name).toList();
    }

    private String listenerList(List<BrokerListener> selected) {
        return selected.stream()
                .map(l -> l.name() + "://" + HOST + ":" + ports.get(l.name()))
                .collect(Collectors.joining(","));
    }

    /**
     * Gives every listener without a fixed port a free one. The sockets stay open until all are
     * picked: closed one at a time, the system may hand the same port out twice (it did, to
     * PLAINTEXT and CONTROLLER, and the broker refused to start).
     */
    private static void assignFreePorts(Map<String, Integer> ports) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (Map.Entry<String, Integer> e : ports.entrySet()) {
                if (e.getValue() == 0) {
                    ServerSocket socket = new ServerSocket(0, 0, InetAddress.getByName(HOST));
                    held.add(socket);
                    e.setValue(socket.getLocalPort());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on " + HOST, e);
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // the port was only reserved
                }
            }
        }
    }

    private static void deleteRecursively(Path dir) {
        try {
            DirectoryTrees.delete(dir);
        } catch (IOException e) {
            LOG.warn("Could not delete embedded Kafka data {}", dir, e);
        }
    }

    /** Collects settings; {@link #build()} checks them and creates the data directory if needed. */
    public static final class Builder {

        /** Single-node settings; everything else keeps Kafka's defaults. */
        static final Map<String, String> SINGLE_NODE_DEFAULTS = Map.ofEntries(
                Map.entry("auto.create.topics.enable", "false"),
                Map.entry("num.partitions", "1"),
                Map.entry("default.replication.factor", "1"),
                Map.entry("min.insync.replicas", "1"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("share.coordinator.state.topic.num.partitions", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // keep records whatever their timestamps (tests replay fixed old capture times, which
                // time-based retention would delete mid-test); bound the demo's disk by size instead
                Map.entry("log.retention.ms", "-1"),
                Map.entry("log.retention.bytes", String.valueOf(1L << 30)),
                Map.entry("group.streams.initial.rebalance.delay.ms", "0"),
                // the default 128 MiB cleaner buffer is sized for production heaps
                Map.entry("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024)),
                Map.entry("num.network.threads", "2"),
                Map.entry("num.io.threads", "4"));

        /** Settings that follow from the builder's ports, listeners and directory. */
        private static final Set<String> DERIVED = Set.of(
                "process.roles",
                "node.id",
                "controller.quorum.voters",
                "controller.quorum.bootstrap.servers",
                "controller.listener.names",
                "inter.broker.listener.name",
                "listeners",
                "advertised.listeners",
                "listener.security.protocol.map",
                "log.dirs",
                "log.dir",
                "metadata.log.dir");

        private final Map<String, BrokerListener> listeners = new LinkedHashMap<>();
        private final Map<String, String> overrides = new HashMap<>();
        private Path dataDir;
        private Duration startupTimeout = Duration.ofSeconds(60);
        private boolean closeOnJvmShutdown = true;

        private Builder() {
            listeners.put(CLIENT_LISTENER, plain(CLIENT_LISTENER, 0));
            listeners.put(CONTROLLER_LISTENER, plain(CONTROLLER_LISTENER, 0));
        }

        /** Keep data here instead of a temporary directory; {@code close()} leaves it in place. */
        public Builder dataDir(Path dir) {
            this.dataDir = Objects.requireNonNull(dir, "dataDir");
            return this;
        }

        /** Fixed port for plain clients; 0 (the default) picks a free one at first start. */
        public Builder brokerPort(int port) {
            listeners.put(CLIENT_LISTENER, plain(CLIENT_LISTENER, port));
            return this;
        }

        /** Fixed port for the KRaft controller; 0 (the default) picks a free one at first start. */
        public Builder controllerPort(int port) {
            listeners.put(CONTROLLER_LISTENER, plain(CONTROLLER_LISTENER, port));
            return this;
        }

        /** Adds a client listener, e.g. {@link BrokerListener#saslPlain(int, Map)}. */
        public Builder listener(BrokerListener listener) {
            if (listeners.containsKey(listener.name())) {
                throw new IllegalArgumentException("Listener " + listener.name() + " is already defined");
            }
            listeners.put(listener.name(), listener);
            return this;
        }

        /** Overrides one broker setting; wins over the single-node defaults. */
        public Builder config(String key, Object value) {
            if (DERIVED.contains(key)) {
                throw new IllegalArgumentException(key + " is derived from the builder's ports, "
                        + "listeners and data directory; use those builder methods instead");
            }
            overrides.put(key, String.valueOf(Objects.requireNonNull(value, key)));
            return this;
        }

        /** Overrides several broker settings, see {@link #config(String, Object)}. */
        public Builder config(Map<String, ?> settings) {
            settings.forEach(this::config);
            return this;
        }

        /** Bound on {@link #start()}: formatting, server startup and the first client answer. */
        public Builder startupTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("startupTimeout must be positive, got " + timeout);
            }
            this.startupTimeout = timeout;
            return this;
        }

        /**
         * No JVM shutdown hook: the owner closes the broker in its own hook, after the clients that
         * use it. JVM shutdown hooks run concurrently, so with its own hook the broker would stop
         * while a streams client is still committing and closing, which then retries against a
         * dead broker until its close timeout, logging a warning per attempt.
         */
        public Builder closedByOwner() {
            this.closeOnJvmShutdown = false;
            return this;
        }

        /** Creates the (unstarted) instance. */
        public EmbeddedKafka build() {
            List<Integer> fixed = new ArrayList<>();
            for (BrokerListener listener : listeners.values()) {
                if (listener.port() != 0 && fixed.contains(listener.port())) {
                    throw new IllegalArgumentException("Port " + listener.port() + " is used by two listeners");
                }
                fixed.add(listener.port());
            }
            try {
                if (dataDir == null) {
                    return new EmbeddedKafka(this, Files.createTempDirectory("ultraline-kafka-"), true);
                }
                return new EmbeddedKafka(this, Files.createDirectories(dataDir), false);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the Kafka data directory", e);
            }
        }

        private static BrokerListener plain(String name, int port) {
            return new BrokerListener(name, SecurityProtocol.PLAINTEXT, port, Map.of());
        }
    }
}
