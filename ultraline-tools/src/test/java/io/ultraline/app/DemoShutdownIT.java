package io.ultraline.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ultraline demo} in a child JVM, stopped with SIGTERM (what Ctrl-C's SIGINT also triggers:
 * the JVM's shutdown hooks) while its streams client runs: it must stop within
 * {@link #STOP_LIMIT}, with the registry child process gone and without a flood of warnings.
 * Before the demo owned its shutdown, the broker's own hook stopped the broker while the streams
 * client was still closing: 31 to 45 s and 170 to 270 WARN lines.
 */
class DemoShutdownIT {

    /** The issue asks for under 10 s; measured 3.2 s on a loaded 2-core machine. Margin for CI. */
    private static final Duration STOP_LIMIT = Duration.ofSeconds(15);
    /** Kafka's broker logs one at shutdown ("Attempting to close NetworkClient ..."); not a flood. */
    private static final int MAX_WARNINGS = 3;

    private Process demo;

    @AfterEach
    void killLeftovers() {
        if (demo != null && demo.isAlive()) {
            demo.descendants().forEach(ProcessHandle::destroyForcibly);
            demo.destroyForcibly();
        }
    }

    @Test
    void sigtermStopsTheWholeDemoInOrderQuicklyAndQuietly() throws Exception {
        Path log = Files.createDirectories(Path.of("target")).resolve("demo-shutdown-it.log");
        demo = new ProcessBuilder(command())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        demo.getOutputStream().close();

        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> !demo.isAlive() || read(log).contains("REBALANCING -> RUNNING"));
        assertThat(demo.isAlive()).as("the demo started; log: " + log).isTrue();
        assertThat(read(log)).contains("ultraline demo is running");
        Thread.sleep(5_000); // let the streams client work (transactions open) before the signal
        List<ProcessHandle> children = demo.descendants().toList();
        assertThat(children).as("the registry runs as a child process").isNotEmpty();
        int linesBefore = lines(log).size();

        long signalled = System.nanoTime();
        demo.destroy(); // SIGTERM
        boolean exited = demo.waitFor(STOP_LIMIT.toSeconds() + 60, TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - signalled);

        List<String> after = lines(log).subList(linesBefore, lines(log).size());
        List<String> warnings = after.stream()
                .filter(l -> l.contains(" WARN ") || l.contains(" ERROR "))
                .toList();
        assertThat(exited).as("the demo exited").isTrue();
        assertThat(took).as("time from SIGTERM to exit; log: " + log).isLessThan(STOP_LIMIT);
        assertThat(warnings).as("WARN and ERROR lines after the signal").hasSizeLessThanOrEqualTo(MAX_WARNINGS);
        assertThat(after).anyMatch(l -> l.contains("Demo stopped in"));
        await().atMost(Duration.ofSeconds(10)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
    }

    private static List<String> command() {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g",
                "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.ultraline.avro"));
        String javacppCache = System.getProperty("org.bytedeco.javacpp.cachedir");
        if (javacppCache != null) {
            command.add("-Dorg.bytedeco.javacpp.cachedir=" + javacppCache);
        }
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                "io.ultraline.cli.Main",
                "demo",
                "--kafka-port",
                "0",
                "--registry-port",
                "0",
                "--http-port",
                "0",
                "--cameras",
                "1",
                "--fps",
                "2",
                "--calibration-frames",
                "5"));
        return command;
    }

    private static String read(Path log) throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    private static List<String> lines(Path log) throws IOException {
        return Files.readAllLines(log, StandardCharsets.UTF_8);
    }
}
