package io.ultraline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Argument handling of {@code ultraline alerts}; the commands' behaviour is AlertForwarderIT's. */
class AlertsCommandTest {

    private static final String[] CONNECTION = {
        "--bootstrap-servers", "127.0.0.1:1", "--registry-url", "http://127.0.0.1:2"
    };

    private static String[] args(String... rest) {
        String[] all = new String[CONNECTION.length + rest.length];
        System.arraycopy(rest, 0, all, 0, 2);
        System.arraycopy(CONNECTION, 0, all, 2, CONNECTION.length);
        System.arraycopy(rest, 2, all, 2 + CONNECTION.length, rest.length - 2);
        return all;
    }

    @Test
    void subcommandsAreRegisteredWithHelp() {
        assertThat(Main.run("alerts", "tail", "--help")).isZero();
        assertThat(Main.run("alerts", "forward", "--help")).isZero();
    }

    @Test
    void forwardNeedsAWebhookAndConnection() {
        assertThat(Main.run("alerts", "forward", "--bootstrap-servers", "b:9092"))
                .isEqualTo(2);
        assertThat(Main.run(args("alerts", "forward"))).isEqualTo(2);
    }

    @Test
    void badSettingsFailBeforeAnyClientStarts() {
        assertThat(Main.run(args("alerts", "forward", "--webhook", "ftp://127.0.0.1/hook")))
                .isEqualTo(2);
        assertThat(Main.run(args("alerts", "forward", "--webhook", "http://127.0.0.1/hook", "--max-attempts", "0")))
                .isEqualTo(2);
        assertThat(Main.run(args("alerts", "forward", "--webhook", "http://127.0.0.1/hook", "--backoff", "soon")))
                .isEqualTo(2);
    }

    @Test
    void anUnreadableOrShortSigningSecretFailsBeforeAnyClientStarts(@TempDir Path dir) throws Exception {
        Path shortSecret = Files.writeString(dir.resolve("short"), "too-short\n");

        assertThat(Main.run(args(
                        "alerts",
                        "forward",
                        "--webhook",
                        "http://127.0.0.1/hook",
                        "--signing-secret-file",
                        dir.resolve("missing").toString())))
                .isEqualTo(2);
        assertThat(Main.run(args(
                        "alerts",
                        "forward",
                        "--webhook",
                        "http://127.0.0.1/hook",
                        "--signing-secret-file",
                        shortSecret.toString())))
                .isEqualTo(2);
    }
}
