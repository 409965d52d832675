package io.ultraline.loadtest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Takes a {@link Sample} every second on its own thread: the generator's and the books' counts, the
 * consumer-group lag (AdminClient end offsets against the group's committed offsets) and each
 * instance's resident memory.
 */
final class Sampler implements AutoCloseable {

    private final LiveBooks books;
    private final LongSupplier sent;
    private final Admin admin;
    private final String groupId;
    private final List<TopicPartition> partitions = new ArrayList<>();
    private final List<ProcessorInstance> instances;
    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private final long startMs;
    private volatile boolean running = true;

    Sampler(
            LiveBooks books,
            LongSupplier sent,
            Admin admin,
            String groupId,
            String framesTopic,
            int partitionCount,
            List<ProcessorInstance> instances,
            long startMs) {
        this.books = books;
        this.sent = sent;
        this.admin = admin;
        this.groupId = groupId;
        for (int p = 0; p < partitionCount; p++) {
            partitions.add(new TopicPartition(framesTopic, p));
        }
        this.instances = instances;
        this.startMs = startMs;
        this.thread = new Thread(this::loop, "loadtest-sampler");
        thread.setDaemon(true);
    }

    void start() {
        books.takeInterval(); // drop what calibration left
        thread.start();
    }

    private void loop() {
        long next = startMs + 1000;
        while (running) {
            long wait = next - System.currentTimeMillis();
            if (wait > 0) {
                try {
                    TimeUnit.MILLISECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
            sample(next - startMs);
            next += 1000;
        }
    }

    private void sample(long tMs) {
        long sentNow = sent.getAsLong();
        long verdicts = books.verdicts();
        long deadLetters = books.deadLetters();
        Histogram h = books.takeInterval();
        boolean any = h.getTotalCount() > 0;
        long[] rss = new long[instances.size()];
        for (int i = 0; i < rss.length; i++) {
            rss[i] = instances.get(i).rssKiB();
        }
        Sample s = new Sample(
                tMs,
                sentNow,
                verdicts,
                deadLetters,
                Math.max(0, sentNow - verdicts - deadLetters),
                lag(),
                any ? h.getValueAtPercentile(50) : -1,
                any ? h.getValueAtPercentile(99) : -1,
                any ? h.getMaxValue() : -1,
                rss);
        synchronized (samples) {
            samples.add(s);
        }
    }

    /** Total lag over line.frames' partitions, or -1 when the broker did not answer in time. */
    private long lag() {
        try {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end =
                    admin.listOffsets(latest).all().get(2, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata()
                    .get(2, TimeUnit.SECONDS);
            long lag = 0;
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata c = committed.get(tp);
                lag += end.get(tp).offset() - (c == null ? 0 : c.offset());
            }
            return lag;
        } catch (Exception e) {
            return -1;
        }
    }

    List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5_000);
    }
}
