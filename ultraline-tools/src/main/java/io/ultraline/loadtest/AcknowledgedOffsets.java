package io.ultraline.loadtest;

import java.util.HashSet;
import java.util.Set;

/** The line.frames offsets the generator's frames were written to (acknowledged sends only). */
final class AcknowledgedOffsets {

    private final Set<Long> keys = new HashSet<>();

    /** One long per offset: partition in the top bits, offset below (offsets stay under 2^40). */
    static long key(int partition, long offset) {
        return ((long) partition << 40) | offset;
    }

    static String describe(long key) {
        return (key >>> 40) + "@" + (key & ((1L << 40) - 1));
    }

    synchronized void add(int partition, long offset) {
        keys.add(key(partition, offset));
    }

    synchronized int size() {
        return keys.size();
    }

    synchronized Set<Long> snapshot() {
        return Set.copyOf(keys);
    }
}
