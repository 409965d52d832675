package io.ultraline.model.train;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Prepares training batches on a thread of its own while TensorFlow trains on the last one. A
 * failure while preparing (bad training data, a frame too small for the patch grid) reaches the
 * trainer as an exception from {@link #take}, instead of leaving it waiting for a batch that will
 * never come.
 */
final class BatchFeed implements AutoCloseable {

    private static final long POLL_MILLIS = 100;

    private final BlockingQueue<LabelledBatch> queue;
    private final Thread producer;
    private volatile Throwable failure;

    BatchFeed(Supplier<LabelledBatch> batches, int ahead) {
        queue = new ArrayBlockingQueue<>(ahead);
        producer = new Thread(
                () -> {
                    try {
                        while (!Thread.currentThread().isInterrupted()) {
                            queue.put(batches.get());
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (RuntimeException | Error e) {
                        failure = e;
                    }
                },
                "pretext-batches");
        producer.setDaemon(true);
        producer.start();
    }

    /**
     * The next batch.
     *
     * @throws IllegalStateException when preparing batches failed, with that failure as the cause
     */
    LabelledBatch take() throws InterruptedException {
        while (true) {
            LabelledBatch next = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            if (next != null) {
                return next;
            }
            Throwable cause = failure;
            if (cause != null) {
                throw new IllegalStateException("preparing training batches failed: " + cause.getMessage(), cause);
            }
        }
    }

    @Override
    public void close() {
        producer.interrupt();
    }
}
