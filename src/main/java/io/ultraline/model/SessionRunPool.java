package io.ultraline.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that run one model's parallel session runs. {@link #runAll} returns when every
 * piece of work is done and rethrows the first failure as it was thrown, so callers see the same
 * exceptions as from a run on their own thread.
 */
final class SessionRunPool implements AutoCloseable {

    private final ExecutorService executor;

    SessionRunPool(int threads) {
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, task -> {
            Thread t = new Thread(task, "ultraline-model-run-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    void runAll(List<Runnable> work) {
        List<Callable<Void>> calls = new ArrayList<>(work.size());
        for (Runnable r : work) {
            calls.add(() -> {
                r.run();
                return null;
            });
        }
        try {
            for (Future<Void> f : executor.invokeAll(calls)) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the model ran", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Lets runs in flight finish (the session under them closes next). */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(60, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
