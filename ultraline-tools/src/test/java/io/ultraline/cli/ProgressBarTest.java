package io.ultraline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void inALogItPrintsPlainLinesAtMostEveryFewSecondsAndAtTheEnd() {
        ProgressBar bar = new ProgressBar(out, "audit", false, now::get);
        for (int done = 1; done <= 100; done++) {
            now.addAndGet(100_000_000L); // 0.1 s per item: 10 s in all
            bar.update(done, 100);
        }
        assertThat(printed()).doesNotContain("\r");
        // the first update, one after each further 5 s, and the last
        assertThat(printed().lines())
                .hasSize(3)
                .allMatch(l -> l.startsWith("audit "))
                .last()
                .asString()
                .startsWith("audit 100/100");
    }

    @Test
    void onATerminalItRedrawsOneLineInPlace() {
        ProgressBar bar = new ProgressBar(out, "evaluate", true, now::get);
        for (int done = 1; done <= 4; done++) {
            now.addAndGet(1_000_000L);
            bar.update(done, 4);
        }
        assertThat(printed()).contains("\revaluate [").endsWith(System.lineSeparator());
        assertThat(printed().chars().filter(c -> c == '\r')).hasSize(4);
        assertThat(printed().chars().filter(c -> c == '\n')).hasSize(1);
    }
}
