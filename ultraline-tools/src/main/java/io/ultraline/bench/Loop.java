package io.ultraline.bench;

import io.ultraline.avro.CameraFrame;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** The benchmark's producer loops, round-robin over the cameras. */
final class Loop {

    private static final Duration DRAIN = Duration.ofSeconds(60);
    private static final Duration PROGRESS = Duration.ofSeconds(5);

    private final BenchFrames frames;
    private final KafkaProducer<String, CameraFrame> producer;
    private final String topic;
    private final VerdictCounter verdicts;
    private final Duration warmUp;
    private final PrintStream progress;

    Loop(
            BenchFrames frames,
            KafkaProducer<String, CameraFrame> producer,
            String topic,
            VerdictCounter verdicts,
            Duration warmUp,
            PrintStream progress) {
        this.progress = progress;
        this.frames = frames;
        this.producer = producer;
        this.topic = topic;
        this.verdicts = verdicts;
        this.warmUp = warmUp;
    }

    /** What the open loop measured. */
    record OpenResult(long[] latenciesMs, double deliveredFps) {}

    /** A frame record keyed by camera, stamped with {@code captureMillis} as record and capture time. */
    static ProducerRecord<String, CameraFrame> record(
            String topic, BenchFrames frames, int camera, String frameId, byte[] png, long captureMillis) {
        CameraFrame frame = PipelineBenchmark.frame(frames, camera, frameId, png, captureMillis);
        return new ProducerRecord<>(topic, null, captureMillis, frame.getCameraId(), frame);
    }

    /**
     * Sends a frame whenever fewer than {@code window} are without a verdict, for the warm-up and then
     * {@code measure}; returns verdicts per second over the measured part.
     */
    double closed(int window, Duration measure) throws InterruptedException {
        verdicts.closedPermits().release(window);
        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long measureTo = measureFrom + measure.toNanos();
        long countAtStart = -1;
        long startedAt = 0;
        long tickAt = start;
        long countAtTick = verdicts.closed();
        for (long n = 0; ; ) {
            long now = System.nanoTime();
            if (now - tickAt >= PROGRESS.toNanos()) {
                long count = verdicts.closed();
                progress.printf(
                        "  %s %.1f frames/s%n",
                        now < measureFrom ? "warm-up" : "measured", (count - countAtTick) / ((now - tickAt) / 1e9));
                tickAt = now;
                countAtTick = count;
            }
            if (countAtStart < 0 && now >= measureFrom) {
                countAtStart = verdicts.closed();
                startedAt = now;
            }
            if (now >= measureTo) {
                return (verdicts.closed() - countAtStart) / ((now - startedAt) / 1e9);
            }
            if (verdicts.closedPermits().tryAcquire(20, TimeUnit.MILLISECONDS)) {
                int camera = (int) (n % frames.cameras());
                producer.send(record(
                        topic,
                        frames,
                        camera,
                        VerdictCounter.CLOSED + n,
                        frames.png(camera, n / frames.cameras()),
                        System.currentTimeMillis()));
                n++;
            }
        }
    }

    /**
     * Sends frames at {@code fps} for the warm-up and then {@code measure}, each with its send time as
     * capture time; waits for their verdicts and returns the latencies of the measured frames.
     */
    OpenResult open(double fps, Duration measure) throws InterruptedException {
        long interval = (long) (1e9 / fps);
        long warmFrames = (long) (fps * warmUp.toMillis() / 1000.0);
        long total = warmFrames + (long) (fps * measure.toMillis() / 1000.0);
        long start = System.nanoTime();
        for (long n = 0; n < total; n++) {
            long due = start + n * interval;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            int camera = (int) (n % frames.cameras());
            producer.send(record(
                    topic,
                    frames,
                    camera,
                    VerdictCounter.OPEN + n,
                    frames.png(camera, n / frames.cameras()),
                    System.currentTimeMillis()));
        }
        long sentIn = System.nanoTime() - start;
        long deadline = System.nanoTime() + DRAIN.toNanos();
        while (verdicts.openCount() < total && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        long doneIn = System.nanoTime() - start;
        if (verdicts.openCount() < total) {
            throw new IllegalStateException("open loop: " + verdicts.openCount() + " of " + total
                    + " verdicts after draining for " + DRAIN.toSeconds() + " s");
        }
        long[] latencies = new long[(int) (total - warmFrames)];
        for (long n = warmFrames; n < total; n++) {
            latencies[(int) (n - warmFrames)] = verdicts.openLatencyMs(n);
        }
        return new OpenResult(latencies, total / (Math.max(sentIn, doneIn) / 1e9));
    }
}
