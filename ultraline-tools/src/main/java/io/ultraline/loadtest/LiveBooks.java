package io.ultraline.loadtest;

import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.VerdictStatus;
import io.ultraline.bench.VerdictCounter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The live books of a run, kept as verdicts and dead letters are read (read_committed): counts, a
 * per-interval latency recorder for the timeline, and one latency histogram per measuring window,
 * filled by the frames whose capture time falls into it. Only the generator's frames count.
 */
final class LiveBooks implements VerdictCounter.Listener {

    /** Latencies above ten minutes are clipped: a run never lasts that long. */
    static final long MAX_TRACKED_MS = 600_000;

    /** Frames captured in {@code [fromMs, toMs)} wall-clock time. */
    record Window(String name, long fromMs, long toMs, Histogram histogram) {}

    private final AtomicLong verdicts = new AtomicLong();
    private final AtomicLong defects = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final Recorder interval = new Recorder(MAX_TRACKED_MS, 3);
    private final List<Window> windows = new CopyOnWriteArrayList<>();

    @Override
    public void onVerdict(ConsumerRecord<String, FrameVerdict> record, long readAtMillis) {
        FrameVerdict v = record.value();
        if (!v.getFrameId().startsWith(OpenLoopGenerator.PREFIX)) {
            return;
        }
        verdicts.incrementAndGet();
        if (v.getStatus() == VerdictStatus.DEFECT) {
            defects.incrementAndGet();
        }
        long capture = v.getCaptureTimestamp().toEpochMilli();
        long latency = Math.min(MAX_TRACKED_MS, Math.max(0, readAtMillis - capture));
        interval.recordValue(latency);
        for (Window w : windows) {
            if (capture >= w.fromMs() && capture < w.toMs()) {
                synchronized (w.histogram()) {
                    w.histogram().recordValue(latency);
                }
            }
        }
    }

    void onDeadLetter() {
        deadLetters.incrementAndGet();
    }

    /** Starts collecting latencies of frames captured in the window; returns it. */
    Window window(String name, long fromMs, long toMs) {
        Window w = new Window(name, fromMs, toMs, new Histogram(MAX_TRACKED_MS, 3));
        windows.add(w);
        return w;
    }

    /** A copy of a window's histogram, safe to read while verdicts arrive. */
    static Histogram copy(Window w) {
        synchronized (w.histogram()) {
            return w.histogram().copy();
        }
    }

    /** Latencies recorded since the previous call. */
    Histogram takeInterval() {
        return interval.getIntervalHistogram();
    }

    long verdicts() {
        return verdicts.get();
    }

    long defects() {
        return defects.get();
    }

    long deadLetters() {
        return deadLetters.get();
    }

    long outcomes() {
        return verdicts.get() + deadLetters.get();
    }
}
