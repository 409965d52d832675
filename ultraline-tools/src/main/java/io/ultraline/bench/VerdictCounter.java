package io.ultraline.bench;

import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.VerdictStatus;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Reads the verdict topic (read_committed) on its own thread and keeps the benchmark's books: counts
 * per phase (told apart by the frame id prefix), a permit per closed-loop verdict, and the
 * capture-to-verdict latency of every open-loop frame, taken when the verdict is read. A
 * {@link Listener} sees every verdict too (the load test keeps its own books that way).
 */
public final class VerdictCounter implements AutoCloseable {

    /** Called on the reading thread for every verdict, with the wall-clock time it was read. */
    @FunctionalInterface
    public interface Listener {
        void onVerdict(ConsumerRecord<String, FrameVerdict> verdict, long readAtMillis);
    }

    static final String CALIBRATION = "calibration-";
    static final String CLOSED = "closed-";
    static final String OPEN = "open-";

    private final KafkaConsumer<String, FrameVerdict> consumer;
    private final Thread thread;
    private final AtomicLong calibrating = new AtomicLong();
    private final AtomicLong closed = new AtomicLong();
    private final AtomicLong defects = new AtomicLong();
    private final AtomicLong oks = new AtomicLong();
    private final Semaphore closedPermits = new Semaphore(0);
    private final ConcurrentHashMap<Long, Long> openLatencyMs = new ConcurrentHashMap<>();
    private final Listener listener;
    private volatile boolean running = true;

    VerdictCounter(KafkaConsumer<String, FrameVerdict> consumer) {
        this(consumer, (verdict, readAt) -> {});
    }

    /** Takes over {@code consumer} (assigned and positioned by the caller) and closes it on {@link #close()}. */
    public VerdictCounter(KafkaConsumer<String, FrameVerdict> consumer, Listener listener) {
        this.consumer = consumer;
        this.listener = listener;
        this.thread = new Thread(this::poll, "bench-verdicts");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<String, FrameVerdict> r : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.currentTimeMillis();
                    count(r.value(), now);
                    listener.onVerdict(r, now);
                }
            }
        } catch (WakeupException closing) {
            // close() woke the consumer up
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void count(FrameVerdict v, long now) {
        String id = v.getFrameId();
        if (id.startsWith(CALIBRATION)) {
            calibrating.incrementAndGet();
        } else if (id.startsWith(CLOSED)) {
            closed.incrementAndGet();
            if (v.getStatus() == VerdictStatus.DEFECT) {
                defects.incrementAndGet();
            } else if (v.getStatus() == VerdictStatus.OK) {
                oks.incrementAndGet();
            }
            closedPermits.release();
        } else if (id.startsWith(OPEN)) {
            openLatencyMs.put(
                    Long.parseLong(id.substring(OPEN.length())),
                    now - v.getCaptureTimestamp().toEpochMilli());
        }
    }

    public long calibrating() {
        return calibrating.get();
    }

    long closed() {
        return closed.get();
    }

    long defects() {
        return defects.get();
    }

    long oks() {
        return oks.get();
    }

    Semaphore closedPermits() {
        return closedPermits;
    }

    /** Latency of open-loop frame {@code n}, or null while its verdict is not read yet. */
    Long openLatencyMs(long n) {
        return openLatencyMs.get(n);
    }

    int openCount() {
        return openLatencyMs.size();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
