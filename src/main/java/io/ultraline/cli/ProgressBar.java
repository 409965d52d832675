package io.ultraline.cli;

import java.io.PrintStream;

/** A one-line terminal progress bar with rate and ETA, redrawn in place on stderr. */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final String label;
    private final long start = System.nanoTime();

    ProgressBar(PrintStream out, String label) {
        this.out = out;
        this.label = label;
    }

    void update(int done, int total) {
        double secs = (System.nanoTime() - start) / 1e9;
        double rate = secs > 0 ? done / secs : 0;
        double eta = rate > 0 ? (total - done) / rate : 0;
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        out.printf("\r%s [%s%s] %d/%d  %.1f/s  ETA %ds ", label, "#".repeat(filled), ".".repeat(WIDTH - filled),
                done, total, rate, Math.round(eta));
        if (done >= total) {
            out.printf("%n");
        }
        out.flush();
    }
}
