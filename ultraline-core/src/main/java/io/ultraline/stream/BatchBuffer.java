package io.ultraline.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The frames of one task that wait for the model, in a persistent changelogged store keyed by a
 * per-task sequence number (big-endian longs sort in arrival order in RocksDB). A stored entry is
 * the original record (source, timestamp, key, value and header bytes) plus its arrival time.
 * The store is read once, when the processor starts (after a restore it may hold frames of an
 * earlier run); from then on an in-memory copy answers, so a batch never iterates RocksDB, whose
 * iterators would otherwise skip every deleted sequence number still in the memtable (a cost that
 * grew with every frame processed). The decoded model input is kept beside each entry and rebuilt
 * from the original bytes after a restart. Not thread-safe: one per processor.
 */
final class BatchBuffer {

    private static final int FORMAT = 1;

    /** One waiting frame; {@code frame} is null when it has to be rebuilt from {@code original}. */
    record Entry(long sequence, OriginalRecord original, long arrivalMs, PipelineInput.Frame frame) {}

    private final KeyValueStore<Long, byte[]> store;
    private final NavigableMap<Long, Entry> waiting = new TreeMap<>();
    private long nextSequence;

    /** Reads the store's current content (after a restore, it may hold frames of an earlier run). */
    BatchBuffer(KeyValueStore<Long, byte[]> store) {
        this.store = store;
        try (KeyValueIterator<Long, byte[]> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<Long, byte[]> next = all.next();
                Stored stored = decode(next.value);
                waiting.put(next.key, new Entry(next.key, stored.original(), stored.arrivalMs(), null));
                nextSequence = Math.max(nextSequence, next.key + 1);
            }
        }
    }

    void add(PipelineInput.Frame frame, long arrivalMs) {
        long sequence = nextSequence++;
        store.put(sequence, encode(frame.original(), arrivalMs));
        waiting.put(sequence, new Entry(sequence, frame.original(), arrivalMs, frame));
    }

    int size() {
        return waiting.size();
    }

    /** Wall-clock arrival time of the oldest waiting frame. */
    OptionalLong oldestArrival() {
        return waiting.values().stream().mapToLong(Entry::arrivalMs).min();
    }

    /** Every waiting frame in arrival order. */
    List<Entry> entries() {
        return new ArrayList<>(waiting.values());
    }

    /** Removes the given frames (in the same processing step that forwards their outputs). */
    void remove(List<Entry> entries) {
        for (Entry e : entries) {
            store.delete(e.sequence());
            waiting.remove(e.sequence());
        }
    }

    private record Stored(OriginalRecord original, long arrivalMs) {}

    static byte[] encode(OriginalRecord o, long arrivalMs) {
        Codec.Writer w = new Codec.Writer(FORMAT)
                .i64(arrivalMs)
                .string(o.topic())
                .i32(o.partition())
                .i64(o.offset())
                .i64(o.timestamp())
                .bytes(o.key())
                .bytes(o.value())
                .i32(o.headers().size());
        for (OriginalRecord.HeaderBytes h : o.headers()) {
            w.string(h.name()).bytes(h.value());
        }
        return w.toByteArray();
    }

    private static Stored decode(byte[] data) {
        Codec.Reader r = new Codec.Reader(data, "batch buffer entry", FORMAT);
        long arrival = r.i64();
        String topic = r.string();
        int partition = r.i32();
        long offset = r.i64();
        long timestamp = r.i64();
        byte[] key = r.bytes();
        byte[] value = r.bytes();
        int count = r.i32();
        List<OriginalRecord.HeaderBytes> headers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            headers.add(new OriginalRecord.HeaderBytes(r.string(), r.bytes()));
        }
        return new Stored(new OriginalRecord(topic, partition, offset, timestamp, key, value, headers), arrival);
    }
}
