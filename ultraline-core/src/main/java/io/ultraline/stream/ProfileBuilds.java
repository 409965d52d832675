package io.ultraline.stream;

import io.ultraline.defect.ReferenceProfile;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Builds profiles off the stream thread, one at a time, so that a large calibration never holds an
 * exactly-once transaction open (see {@link CalibrationDefaults#maxInlineBuild}). One per inference
 * processor (a task), closed with it; its one thread is a daemon and exists only while it builds.
 */
final class ProfileBuilds implements AutoCloseable {

    // no thread while nothing is built: a task that never calibrates costs nothing
    private final ExecutorService executor =
            new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "ultraline-profile-build");
                t.setDaemon(true);
                return t;
            });

    /** Starts a build. */
    CompletableFuture<ReferenceProfile> submit(Supplier<ReferenceProfile> build) {
        return CompletableFuture.supplyAsync(build, executor);
    }

    /** The build's profile if it is done within {@code wait}, else null (it goes on). */
    static ReferenceProfile await(CompletableFuture<ReferenceProfile> build, Duration wait) {
        try {
            return wait.isZero() ? build.getNow(null) : build.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
