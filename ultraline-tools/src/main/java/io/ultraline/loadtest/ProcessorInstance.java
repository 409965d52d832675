package io.ultraline.loadtest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A running processor JVM: its readiness, resident memory, and the two ways to end it. */
public final class ProcessorInstance {

    private final InstanceConfig config;
    private final Process process;
    private volatile long killedAtMillis = -1;

    ProcessorInstance(InstanceConfig config, Process process) {
        this.config = config;
        this.process = process;
    }

    public int index() {
        return config.index();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Polls GET /health/readiness until it answers 200; fails with the log's tail if the JVM exits. */
    public void awaitReady(Duration timeout) throws InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + config.httpPort() + "/health/readiness"))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("instance " + index() + " exited with " + process.exitValue()
                        + " before it was ready; log " + config.logFile() + ":\n" + logTail(30));
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("instance " + index() + " not ready after " + timeout.toSeconds()
                        + " s; log " + config.logFile() + ":\n" + logTail(30));
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
    }

    /** VmRSS in KiB, or -1 once the process is gone. */
    public long rssKiB() {
        return process.isAlive() ? Rss.ofPid(pid()) : -1;
    }

    /** SIGKILL: no shutdown hook, no clean close, open transactions left to time out. */
    public void kill() throws InterruptedException {
        killedAtMillis = System.currentTimeMillis();
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public long killedAtMillis() {
        return killedAtMillis;
    }

    /** SIGTERM (the service closes its streams cleanly), SIGKILL after {@code grace}. */
    public void stop(Duration grace) throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    public Path logFile() {
        return config.logFile();
    }

    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(config.logFile());
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
