package io.ultraline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A misspelt ULTRALINE_LOG_FORMAT is refused with a message, not silently logged nowhere. */
class LogFormatTest {

    @Test
    void acceptsTheTwoFormatsAndNoSetting() {
        assertThat(LogFormat.problem(null)).isNull();
        assertThat(LogFormat.problem("text")).isNull();
        assertThat(LogFormat.problem("json")).isNull();
    }

    @Test
    void namesTheVariableAndTheValueItRefuses() {
        assertThat(LogFormat.problem("xml")).isEqualTo("ULTRALINE_LOG_FORMAT must be text or json, got 'xml'");
        assertThat(LogFormat.problem("JSON ")).endsWith("got 'JSON ' (lower case, no spaces)");
    }

    @Test
    void theCommandLineStopsOnABadFormat() {
        System.setProperty(LogFormat.VARIABLE, "yaml");
        try {
            assertThat(Main.run("--version")).isEqualTo(2);
        } finally {
            System.clearProperty(LogFormat.VARIABLE);
        }
        assertThat(Main.run("--version")).isZero();
    }
}
