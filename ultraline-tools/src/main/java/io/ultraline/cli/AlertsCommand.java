package io.ultraline.cli;

import io.ultraline.alerting.AlertForwarder;
import io.ultraline.alerting.AlertTail;
import io.ultraline.alerting.ForwarderConfig;
import io.ultraline.alerting.WebhookRetryPolicy;
import io.ultraline.alerting.WebhookSecret;
import io.ultraline.alerting.WebhookSigner;
import io.ultraline.stream.Topics;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ultraline alerts ...}: consumers of line.alerts for people and paging systems. */
@Command(
        name = "alerts",
        description = "Follow line.alerts, or forward it to a webhook.",
        subcommands = {AlertsCommand.Tail.class, AlertsCommand.Forward.class})
final class AlertsCommand {

    @Command(
            name = "tail",
            mixinStandardHelpOptions = true,
            description =
                    "Print line.alerts as alerts open and clear, one line each (read_committed, no consumer group).")
    static final class Tail implements Callable<Integer> {
        @Mixin
        KafkaConnectionOptions connection;

        @Option(names = "--from-beginning", description = "print the retained history first")
        boolean fromBeginning;

        @Override
        public Integer call() throws Exception {
            AlertTail tail = new AlertTail(
                    connection.clientConfig(),
                    connection.serdeConfig(),
                    connection.topic(Topics.ALERTS),
                    fromBeginning,
                    System.out);
            return runUntilStopped(tail, tail::stop, () -> tail.awaitStopped(Duration.ofSeconds(10)));
        }
    }

    @Command(
            name = "forward",
            mixinStandardHelpOptions = true,
            description = {
                "POST each line.alerts record as JSON to a webhook (Idempotency-Key header), at least once.",
                "Retries 5xx, 408, 429, connection errors and timeouts with exponential backoff; after "
                        + "--max-attempts failures writes the alert to line.alerts.dlq and moves on. Commits "
                        + "each offset only after delivery or dead-lettering, so a restart resumes there."
            })
    static final class Forward implements Callable<Integer> {
        @Mixin
        KafkaConnectionOptions connection;

        @Option(names = "--webhook", required = true, description = "URL the alerts are POSTed to")
        URI webhook;

        @Option(
                names = "--group-id",
                defaultValue = "ultraline-alerts-forwarder",
                description = "consumer group (default ${DEFAULT-VALUE})")
        String groupId;

        @Option(
                names = "--max-attempts",
                defaultValue = "5",
                description = "requests per alert (default ${DEFAULT-VALUE})")
        int maxAttempts;

        @Option(
                names = "--backoff",
                defaultValue = "PT0.5S",
                description = "wait before the 2nd attempt, doubled each time (default ${DEFAULT-VALUE})")
        Duration backoff;

        @Option(
                names = "--max-backoff",
                defaultValue = "PT30S",
                description = "longest wait (default ${DEFAULT-VALUE})")
        Duration maxBackoff;

        @Option(
                names = "--timeout",
                defaultValue = "PT10S",
                description = "connect and response timeout per request (default ${DEFAULT-VALUE})")
        Duration timeout;

        @Option(
                names = "--from-beginning",
                description = "a group without committed offsets starts at the oldest alert, not at the newest")
        boolean fromBeginning;

        @Option(
                names = "--signing-secret-file",
                description = {
                    "file holding the secret that signs each request (header " + WebhookSigner.HEADER
                            + ", HMAC-SHA256);",
                    "without it the secret comes from env " + WebhookSecret.ENV + "; neither: unsigned"
                })
        Path signingSecretFile;

        @Override
        public Integer call() throws Exception {
            ForwarderConfig config = new ForwarderConfig(
                    connection.clientConfig(),
                    connection.serdeConfig(),
                    connection.topic(Topics.ALERTS),
                    connection.topic(Topics.ALERTS_DLQ),
                    groupId,
                    fromBeginning ? "earliest" : "latest",
                    webhook,
                    new WebhookRetryPolicy(maxAttempts, backoff, maxBackoff),
                    timeout,
                    WebhookSecret.load(Optional.ofNullable(signingSecretFile), System::getenv));
            AlertForwarder forwarder = AlertForwarder.create(config);
            Duration grace = timeout.plusSeconds(10);
            int code = runUntilStopped(forwarder, forwarder::stop, () -> forwarder.awaitStopped(grace));
            System.err.printf(
                    "forwarded %d alert(s), dead-lettered %d%n", forwarder.delivered(), forwarder.deadLettered());
            return code;
        }
    }

    interface Await {
        boolean await() throws InterruptedException;
    }

    /** Runs {@code loop} on this thread; Ctrl-C stops it and waits for it to close its clients. */
    static int runUntilStopped(Runnable loop, Runnable stop, Await stopped) {
        Thread hook = new Thread(
                () -> {
                    stop.run();
                    try {
                        stopped.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "ultraline-alerts-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            loop.run();
            return 0;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook is what stopped the loop
            }
        }
    }
}
