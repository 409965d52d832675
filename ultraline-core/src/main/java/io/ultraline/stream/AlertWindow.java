package io.ultraline.stream;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * The sliding window of one alert rule over one scope, and whether its alert is open. Frames enter
 * in processing order; the window keeps the last {@code windowFrames} of them and, for a time-bounded
 * rule, only those captured within the rule's window of the newest capture time seen. Stored as one
 * value per rule and scope (about 9 bytes per frame in the window).
 */
final class AlertWindow {

    private static final int FORMAT = 1;

    /** What a frame changed: nothing, or the alert opened or cleared. */
    enum Change {
        NONE,
        OPENED,
        CLEARED
    }

    private record Entry(long captureTimestamp, boolean defective) {}

    private final Deque<Entry> entries = new ArrayDeque<>();
    private long newestCapture = Long.MIN_VALUE;
    private String alertId;
    private long openedTimestamp;

    /** Adds a frame and applies the rule's hysteresis; at most one change per frame. */
    Change add(AlertRule rule, long captureTimestamp, boolean defective, String alertIdIfOpened) {
        entries.addLast(new Entry(captureTimestamp, defective));
        newestCapture = Math.max(newestCapture, captureTimestamp);
        while (entries.size() > rule.windowFrames()) {
            entries.removeFirst();
        }
        if (rule.timeBounded()) {
            long oldestAllowed = newestCapture - rule.window().toMillis();
            entries.removeIf(e -> e.captureTimestamp() < oldestAllowed);
        }
        int count = defectiveFrames();
        if (alertId == null && count >= rule.open()) {
            alertId = alertIdIfOpened;
            openedTimestamp = captureTimestamp;
            return Change.OPENED;
        }
        if (alertId != null && count <= rule.clear()) {
            return Change.CLEARED;
        }
        return Change.NONE;
    }

    /** Forgets the alert after its CLEARED record was written. */
    void closeAlert() {
        alertId = null;
        openedTimestamp = 0;
    }

    int defectiveFrames() {
        int count = 0;
        for (Entry e : entries) {
            if (e.defective()) {
                count++;
            }
        }
        return count;
    }

    int frames() {
        return entries.size();
    }

    /** The open alert's id, or null. */
    String alertId() {
        return alertId;
    }

    long openedTimestamp() {
        return openedTimestamp;
    }

    byte[] encode() {
        Codec.Writer w = new Codec.Writer(FORMAT)
                .i64(newestCapture)
                .string(alertId)
                .i64(openedTimestamp)
                .i32(entries.size());
        for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
            Entry e = it.next();
            w.i64(e.captureTimestamp()).bool(e.defective());
        }
        return w.toByteArray();
    }

    static AlertWindow decode(byte[] data) {
        AlertWindow window = new AlertWindow();
        if (data == null) {
            return window;
        }
        Codec.Reader r = new Codec.Reader(data, "alert window", FORMAT);
        window.newestCapture = r.i64();
        window.alertId = r.string();
        window.openedTimestamp = r.i64();
        int n = r.i32();
        for (int i = 0; i < n; i++) {
            window.entries.addLast(new Entry(r.i64(), r.bool()));
        }
        return window;
    }
}
