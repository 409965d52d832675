package io.ultraline.dev;

import io.ultraline.files.DirectoryTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Confluent-compatible schema registry (Apicurio Registry 2.4.2, in-memory) running as a child
 * process on a loopback port, for tests and the demo.
 *
 * <p>The runner is built by the reactor module {@code ultraline-schema-registry}, ahead of the
 * tools and their integration tests. It is found through the system property {@value #DIR_PROPERTY}, else the
 * environment variable {@value #DIR_ENV}, else {@value #DEFAULT_DIR} below the working directory
 * or one of its parents up to the repository root.
 *
 * <p>Apicurio differs from Confluent's server in places: a 409 carries {@code error_code} 0,
 * {@code /mode} answers 404, and the global compatibility level starts at {@code NONE}.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

    public static final String DIR_PROPERTY = "ultraline.registry.dir";
    public static final String DIR_ENV = "ULTRALINE_REGISTRY_DIR";
    static final String DEFAULT_DIR = "ultraline-schema-registry/target/quarkus-app";
    static final String CONFLUENT_API_PATH = "/apis/ccompat/v7";
    static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);
    private static final String RUNNER = "quarkus-run.jar";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final int LOG_TAIL_LINES = 40;
    private static final int PORT_ATTEMPTS = 3;

    private static EmbeddedSchemaRegistry shared;

    private final Process process;
    private final int port;
    private final Path workDir;
    private final Path logFile;
    private final Thread shutdownHook;
    private boolean closed;

    private EmbeddedSchemaRegistry(Process process, int port, Path workDir, Path logFile) {
        this.process = process;
        this.port = port;
        this.workDir = workDir;
        this.logFile = logFile;
        this.shutdownHook = new Thread(
                () -> {
                    stopProcess();
                    deleteWorkDir();
                },
                "schema-registry-shutdown-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a registry on a free loopback port and waits until it answers. */
    public static EmbeddedSchemaRegistry start() {
        Path appDir = locateRunnerDir();
        for (int attempt = 1; ; attempt++) {
            try {
                return start(appDir, findFreePort(), READY_TIMEOUT);
            } catch (PortTakenException e) {
                // another process took the port between our probe and the registry's bind
                if (attempt == PORT_ATTEMPTS) {
                    throw e;
                }
                LOG.debug("Schema registry port was taken, retrying", e);
            }
        }
    }

    /** Starts a registry on the given loopback port and waits until it answers. */
    public static EmbeddedSchemaRegistry start(int port) {
        return start(locateRunnerDir(), port, READY_TIMEOUT);
    }

    /**
     * Starts the runner found in {@code appDir} (a Quarkus fast-jar {@code quarkus-app} folder) on
     * {@code port} and waits up to {@code readyTimeout} for the Confluent API to answer.
     */
    public static EmbeddedSchemaRegistry start(Path appDir, int port, Duration readyTimeout) {
        Path runner = appDir.resolve(RUNNER);
        if (!Files.isRegularFile(runner)) {
            throw new IllegalStateException("No schema registry runner at " + runner
                    + "; build it with ./mvnw -pl ultraline-schema-registry package (mvn verify does it)");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Port out of range: " + port);
        }
        long startedNanos = System.nanoTime();
        EmbeddedSchemaRegistry registry = launch(runner, port);
        try {
            registry.awaitReady(readyTimeout);
        } catch (RuntimeException e) {
            registry.abandon();
            throw e;
        }
        LOG.info(
                "Schema registry ready at {} in {} ms (log: {})",
                registry.confluentApiUrl(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos),
                registry.logFile);
        return registry;
    }

    /**
     * One registry per JVM for tests, started on first use and stopped by a shutdown hook; a new
     * one is started if the previous one was closed.
     */
    public static synchronized EmbeddedSchemaRegistry shared() {
        if (shared == null || !shared.isRunning()) {
            shared = start();
        }
        return shared;
    }

    /** The base URL of the Confluent REST API, for example {@code http://127.0.0.1:8081/apis/ccompat/v7}. */
    public String confluentApiUrl() {
        return "http://127.0.0.1:" + port + CONFLUENT_API_PATH;
    }

    public int port() {
        return port;
    }

    /** The file that receives the registry's standard output and error. */
    public Path logFile() {
        return logFile;
    }

    public synchronized boolean isRunning() {
        return !closed && process.isAlive();
    }

    /**
     * Drops the JVM shutdown hook that would stop this registry: the caller now stops it, in the
     * order its own shutdown hook gives (JVM hooks run concurrently, so this one would stop the
     * registry while its clients are still closing). Returns this registry.
     */
    public synchronized EmbeddedSchemaRegistry closedByOwner() {
        removeShutdownHook();
        return this;
    }

    /** Stops the registry and its descendants and waits for them to exit. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        removeShutdownHook();
        stopProcess();
        deleteWorkDir();
    }

    private static EmbeddedSchemaRegistry launch(Path runner, int port) {
        Path workDir;
        try {
            // also the child's working directory, so no stray config/ or .env is picked up
            workDir = Files.createTempDirectory("ultraline-schema-registry-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a work directory for the schema registry", e);
        }
        Path logFile = workDir.resolve("registry.log");
        List<String> command = new ArrayList<>(List.of(
                javaBinary(),
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                // H2 in memory: nothing survives the process, which is what tests want
                "-Dquarkus.datasource.jdbc.url=jdbc:h2:mem:registry_db",
                "-Dquarkus.datasource.jdbc.min-size=1",
                "-Dquarkus.datasource.jdbc.initial-size=1",
                "-Dquarkus.log.level=WARN",
                "-jar",
                runner.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        try {
            return new EmbeddedSchemaRegistry(builder.start(), port, workDir, logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the schema registry: " + command, e);
        }
    }

    private void awaitReady(Duration timeout) {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(confluentApiUrl() + "/subjects"))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastProblem = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String tail = logTail();
                String what = "exited with status " + process.exitValue() + " before it was ready";
                if (tail.contains("seems to be in use") || tail.contains("Address already in use")) {
                    throw new PortTakenException(failureMessage(what, tail));
                }
                throw new IllegalStateException(failureMessage(what, tail));
            }
            try {
                HttpResponse<String> response = client.send(probe, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                lastProblem = "GET /subjects answered " + response.statusCode() + ": " + response.body();
            } catch (IOException e) {
                lastProblem = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure("start interrupted");
            }
            sleep(Duration.ofMillis(200));
        }
        throw failure("not ready after " + timeout.toSeconds() + " s (" + lastProblem + ")");
    }

    private IllegalStateException failure(String what) {
        return new IllegalStateException(failureMessage(what, logTail()));
    }

    private String failureMessage(String what, String logTail) {
        return "Schema registry on port " + port + " " + what + "; log " + logFile + ", last lines:\n" + logTail;
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** After a failed start: stop, but keep the log that the error message points to. */
    private synchronized void abandon() {
        closed = true;
        removeShutdownHook();
        stopProcess();
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shutdownInProgress) {
            // the hook is running or about to run; stopping twice is harmless
        }
    }

    private void stopProcess() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void deleteWorkDir() {
        try {
            DirectoryTrees.delete(workDir);
        } catch (IOException e) {
            LOG.debug("Could not delete {}", workDir, e);
        }
    }

    static Path locateRunnerDir() {
        String configured = System.getProperty(DIR_PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(DIR_ENV);
        }
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured).toAbsolutePath();
        }
        Path start = Paths.get("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(DEFAULT_DIR);
            if (Files.isRegularFile(candidate.resolve(RUNNER)) || Files.exists(dir.resolve(".git"))) {
                return candidate;
            }
        }
        return start.resolve(DEFAULT_DIR);
    }

    private static String javaBinary() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int findFreePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port for the schema registry", e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the schema registry", e);
        }
    }

    /** The registry could not bind its port; only a port of our own choosing is retried. */
    private static final class PortTakenException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        PortTakenException(String message) {
            super(message);
        }
    }
}
