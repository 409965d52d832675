package io.ultraline.loadtest;

import io.ultraline.avro.RejectedFrame;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;

/** Counts the dead letters of the generator's frames as they are read (read_committed), on its own thread. */
final class DeadLetterWatcher implements AutoCloseable {

    private final KafkaConsumer<byte[], RejectedFrame> consumer;
    private final LiveBooks books;
    private final Thread thread;
    private volatile boolean running = true;

    DeadLetterWatcher(KafkaConsumer<byte[], RejectedFrame> consumer, LiveBooks books) {
        this.consumer = consumer;
        this.books = books;
        this.thread = new Thread(this::poll, "loadtest-dead-letters");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], RejectedFrame> r : consumer.poll(Duration.ofMillis(200))) {
                    String frameId = r.value().getFrameId();
                    if (frameId == null || frameId.startsWith(OpenLoopGenerator.PREFIX)) {
                        books.onDeadLetter();
                    }
                }
            }
        } catch (WakeupException closing) {
            // close() woke the consumer up
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
