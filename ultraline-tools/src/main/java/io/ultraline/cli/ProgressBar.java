package io.ultraline.cli;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * Progress with rate and ETA on stderr. On a terminal it is one line redrawn in place; anywhere else
 * (a log file, CI, a pipe) carriage returns would pile up into one huge line, so it prints a plain
 * line at the first update, then at most one every {@link #LOG_INTERVAL_NANOS}, and one at the end.
 */
final class ProgressBar {

    /** How often a log gets a progress line. */
    static final long LOG_INTERVAL_NANOS = 5_000_000_000L;

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final String label;
    private final boolean terminal;
    private final LongSupplier nanoTime;
    private final long start;
    private long lastLine = Long.MIN_VALUE;

    ProgressBar(PrintStream out, String label, boolean terminal, LongSupplier nanoTime) {
        this.out = out;
        this.label = label;
        this.terminal = terminal;
        this.nanoTime = nanoTime;
        this.start = nanoTime.getAsLong();
    }

    /** A bar on stderr that redraws only when this process has a console. */
    static ProgressBar onStderr(String label) {
        return new ProgressBar(System.err, label, System.console() != null, System::nanoTime);
    }

    void update(int done, int total) {
        long now = nanoTime.getAsLong();
        double secs = (now - start) / 1e9;
        double rate = secs > 0 ? done / secs : 0;
        double eta = rate > 0 ? (total - done) / rate : 0;
        boolean finished = done >= total;
        if (terminal) {
            int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * Math.min(done, total) / total);
            out.printf(
                    "\r%s [%s%s] %d/%d  %.1f/s  ETA %ds ",
                    label, "#".repeat(filled), ".".repeat(WIDTH - filled), done, total, rate, Math.round(eta));
            if (finished) {
                out.printf("%n");
            }
        } else if (finished || lastLine == Long.MIN_VALUE || now - lastLine >= LOG_INTERVAL_NANOS) {
            out.printf("%s %d/%d  %.1f/s  ETA %ds%n", label, done, total, rate, Math.round(eta));
            lastLine = now;
        }
        out.flush();
    }
}
