package io.ultraline.gateway;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Counts what the gateway did and prints it: on a terminal one line redrawn in place, elsewhere (a
 * log file, systemd) one line every {@code intervalNanos}, so that logs are not flooded and a stalled
 * gateway still shows. Counters are updated from the producer's callback thread.
 */
public final class Progress {

    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final PrintStream out;
    private final boolean terminal;
    private final long intervalNanos;
    private final LongSupplier clock;
    private final long start;
    private long lastPrint;
    private long sentAtLastPrint;

    public Progress(PrintStream out, boolean terminal, long intervalNanos, LongSupplier nanoClock) {
        this.out = out;
        this.terminal = terminal;
        this.intervalNanos = intervalNanos;
        this.clock = nanoClock;
        this.start = nanoClock.getAsLong();
        this.lastPrint = start;
    }

    /** A frame handed to the producer. */
    public void submitted() {
        submitted.incrementAndGet();
    }

    /** A frame the broker acknowledged. */
    public void sent() {
        sent.incrementAndGet();
    }

    /** A frame the producer gave up on. */
    public void failed(String why) {
        failed.incrementAndGet();
        out.println((terminal ? "\n" : "") + "error: a frame was not sent: " + why);
    }

    /** A frame refused before sending. */
    public void refused(String what, String why) {
        refused.incrementAndGet();
        out.println((terminal ? "\n" : "") + "skipped " + what + ": " + why);
    }

    public long sentCount() {
        return sent.get();
    }

    public long failedCount() {
        return failed.get();
    }

    public long refusedCount() {
        return refused.get();
    }

    /** Prints the progress line if it is due (always on a terminal, every interval elsewhere). */
    public synchronized void tick() {
        long now = clock.getAsLong();
        if (!terminal && now - lastPrint < intervalNanos) {
            return;
        }
        long s = sent.get();
        double window = (now - lastPrint) / 1e9;
        double rate = window > 0 ? (s - sentAtLastPrint) / window : 0;
        if (terminal && window < 0.2) {
            return; // redrawing faster than the eye reads costs the sender for nothing
        }
        lastPrint = now;
        sentAtLastPrint = s;
        String line = line(rate, s);
        if (terminal) {
            out.print("\r" + line + "   ");
            out.flush();
        } else {
            out.println(line);
        }
    }

    /** The final line. */
    public synchronized String summary() {
        double secs = (clock.getAsLong() - start) / 1e9;
        return String.format(
                Locale.ROOT,
                "%ssent %d frame(s) in %.1f s (%.1f/s), %d refused, %d failed",
                terminal ? "\n" : "",
                sent.get(),
                secs,
                secs > 0 ? sent.get() / secs : 0,
                refused.get(),
                failed.get());
    }

    private String line(double rate, long s) {
        return String.format(
                Locale.ROOT,
                "sent %d of %d, %.1f frames/s, %d refused, %d failed",
                s,
                submitted.get(),
                rate,
                refused.get(),
                failed.get());
    }
}
