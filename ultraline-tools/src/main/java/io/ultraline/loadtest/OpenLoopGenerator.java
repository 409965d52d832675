package io.ultraline.loadtest;

import io.ultraline.avro.CameraFrame;
import io.ultraline.bench.BenchFrames;
import io.ultraline.bench.PipelineBenchmark;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Offers frames at a steady rate, round-robin over the cameras, from a pre-rendered pool. Each
 * frame's capture time is its scheduled time (not its send time), so a generator that falls behind
 * does not hide the delay from the latency figures. Every acknowledged frame's partition and
 * offset go to the ledger; frame ids are {@value #PREFIX}N, N counting over the whole run.
 */
final class OpenLoopGenerator {

    static final String PREFIX = "load-";

    private final BenchFrames frames;
    private final KafkaProducer<String, CameraFrame> producer;
    private final String topic;
    private final AcknowledgedOffsets produced;
    private final Pacer.Clock clock;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile long maxLateMs;

    OpenLoopGenerator(
            BenchFrames frames,
            KafkaProducer<String, CameraFrame> producer,
            String topic,
            AcknowledgedOffsets produced,
            Pacer.Clock clock) {
        this.frames = frames;
        this.producer = producer;
        this.topic = topic;
        this.produced = produced;
        this.clock = clock;
    }

    /** Offers {@code rate} frames/s for {@code durationMs}; returns when the last one is handed to the producer. */
    void offer(double rate, long durationMs) {
        Pacer pacer = new Pacer(rate, durationMs * 1_000_000L, clock);
        long wallStart = System.currentTimeMillis();
        pacer.start();
        for (long due = pacer.awaitNext(); due >= 0; due = pacer.awaitNext()) {
            long n = sent.getAndIncrement();
            int camera = (int) (n % frames.cameras());
            long capture = wallStart + due / 1_000_000L;
            CameraFrame frame = PipelineBenchmark.frame(
                    frames, camera, PREFIX + n, frames.png(camera, n / frames.cameras()), capture);
            producer.send(new ProducerRecord<>(topic, null, capture, frame.getCameraId(), frame), (meta, error) -> {
                if (error == null) {
                    produced.add(meta.partition(), meta.offset());
                } else {
                    failed.incrementAndGet();
                }
            });
        }
        producer.flush();
        maxLateMs = Math.max(maxLateMs, pacer.maxLateNanos() / 1_000_000L);
    }

    long sent() {
        return sent.get();
    }

    long failed() {
        return failed.get();
    }

    long maxLateMs() {
        return maxLateMs;
    }
}
