package io.ultraline.stream;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * Walks a failure's cause chain once per exception: Java lets two exceptions be each other's cause
 * ({@code initCause}), and an error handler that loops on such a chain would hang a stream thread.
 */
final class CauseChain {

    private CauseChain() {}

    /** The first exception of the chain (the failure itself included) of the given type. */
    static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }
}
