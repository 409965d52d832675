package io.ultraline.app;

import io.ultraline.avro.AlertState;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.LineAlert;
import io.ultraline.stream.PipelineObserver;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shift's memory: the last {@code history-frames} verdicts of each camera (no images) and the
 * alerts opened lately, cleared ones included, so an alert can still be drilled into after it
 * cleared. Cameras come and go with {@link RecentFrames} (its camera cap and rebalances), so the
 * whole is bounded by cameras times frames. Thread-safe: stream threads write, HTTP threads read.
 */
@Singleton
final class VerdictHistory implements PipelineObserver {

    /** Alerts remembered for drill-down; older ones are looked up in the open-alert store only. */
    static final int ALERTS_KEPT = 256;

    private final int framesPerCamera;
    private final Map<String, Deque<HistoryPoint>> cameras = new HashMap<>();
    /** Cameras that have dropped a verdict for the bound: their memory no longer starts at their first. */
    private final java.util.Set<String> dropped = new java.util.HashSet<>();
    /** Opening record of each alert, oldest first. */
    private final LinkedHashMap<String, LineAlert> alerts = new LinkedHashMap<>();

    @Inject
    VerdictHistory(DashboardConfig config, RecentFrames recent) {
        this(config.historyFrames());
        recent.onCameraEvicted(this::forget);
    }

    VerdictHistory(int framesPerCamera) {
        this.framesPerCamera = framesPerCamera;
    }

    @Override
    public synchronized void verdict(FrameVerdict verdict) {
        Deque<HistoryPoint> points = cameras.computeIfAbsent(verdict.getCameraId(), c -> new ArrayDeque<>());
        points.addLast(HistoryPoint.of(verdict));
        while (points.size() > framesPerCamera) {
            points.removeFirst();
            dropped.add(verdict.getCameraId());
        }
    }

    @Override
    public synchronized void alert(LineAlert alert) {
        // the opening record carries the window the evidence comes from; a clearing one only updates it
        if (alert.getState() == AlertState.OPEN || !alerts.containsKey(alert.getAlertId())) {
            alerts.remove(alert.getAlertId());
            alerts.put(alert.getAlertId(), alert);
            Iterator<String> oldest = alerts.keySet().iterator();
            while (alerts.size() > ALERTS_KEPT) {
                oldest.next();
                oldest.remove();
            }
        }
    }

    /** The camera's last {@code limit} verdicts, oldest first. */
    synchronized List<HistoryPoint> history(String cameraId, int limit) {
        Deque<HistoryPoint> points = cameras.get(cameraId);
        if (points == null) {
            return List.of();
        }
        List<HistoryPoint> all = new ArrayList<>(points);
        return all.subList(Math.max(0, all.size() - limit), all.size());
    }

    /**
     * The last {@code frames} verdicts held that match {@code scope} (a camera id, or a line id for
     * a line alert) and were captured in {@code [from, to]}, oldest first: an alert rule's window.
     * Complete when memory holds all of them: as many as asked for, and no camera of the scope that
     * dropped verdicts for the bound holds none older than the earliest one returned.
     */
    synchronized Window window(String scopeId, boolean line, long from, long to, int frames) {
        List<HistoryPoint> found = new ArrayList<>();
        List<Long> oldestHeld = new ArrayList<>();
        for (Deque<HistoryPoint> points : cameras.values()) {
            if (points.isEmpty()
                    || !(line ? points.peekLast().lineId() : points.peekLast().cameraId()).equals(scopeId)) {
                continue;
            }
            if (dropped.contains(points.peekLast().cameraId())) {
                oldestHeld.add(points.peekFirst().captureMillis());
            }
            points.stream()
                    .filter(p -> p.captureMillis() >= from && p.captureMillis() <= to)
                    .forEach(found::add);
        }
        found.sort(java.util.Comparator.comparingLong(HistoryPoint::captureMillis));
        List<HistoryPoint> last = found.subList(Math.max(0, found.size() - frames), found.size());
        boolean complete = last.size() == frames
                && oldestHeld.stream().allMatch(oldest -> oldest <= last.get(0).captureMillis());
        return new Window(List.copyOf(last), complete);
    }

    /** The alert as it opened, if it opened lately on this instance. */
    synchronized Optional<LineAlert> alert(String alertId) {
        return Optional.ofNullable(alerts.get(alertId));
    }

    synchronized void forget(String cameraId) {
        cameras.remove(cameraId);
        dropped.remove(cameraId);
    }

    /** Verdicts of an alert's window, and whether they are all of them. */
    record Window(List<HistoryPoint> points, boolean complete) {}
}
