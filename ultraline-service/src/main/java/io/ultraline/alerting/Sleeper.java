package io.ultraline.alerting;

import java.time.Duration;

/** Waits between attempts; tests pass one that records the waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    /**
     * Waits {@code duration}.
     *
     * @throws InterruptedException when the wait is cut short because the caller is stopping
     */
    void sleep(Duration duration) throws InterruptedException;
}
