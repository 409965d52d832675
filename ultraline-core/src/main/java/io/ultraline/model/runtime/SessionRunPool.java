package io.ultraline.model.runtime;

import io.ultraline.model.ModelUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that run one model's parallel session runs. {@link #runAll} returns when every
 * piece of work is done and rethrows the first failure (in the order of the work) as it was
 * thrown, the others attached as suppressed, so callers see the same exceptions as from a run on
 * their own thread.
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
        List<Future<Void>> futures;
        try {
            futures = executor.invokeAll(calls);
        } catch (RejectedExecutionException e) {
            throw new ModelUnavailableException("the model runner is closed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelUnavailableException("interrupted while the model ran", e);
        }
        Throwable first = null;
        for (Future<Void> f : futures) {
            Throwable failure = failureOf(f);
            if (failure != null && first == null) {
                first = failure;
            } else if (failure != null && failure != first) {
                first.addSuppressed(failure);
            }
        }
        if (first instanceof RuntimeException re) {
            throw re;
        }
        if (first instanceof Error err) {
            throw err;
        }
        if (first != null) {
            throw new IllegalStateException(first);
        }
    }

    /** The failure of a finished piece of work, or null. */
    private static Throwable failureOf(Future<Void> done) {
        try {
            done.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ModelUnavailableException("interrupted while the model ran", e);
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
