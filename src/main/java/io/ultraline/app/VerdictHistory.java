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
     * The verdicts held whose capture time is in {@code [from, to]} and that match {@code scope}
     * (a camera id, or a line id for a line alert), and whether the memory reaches back to
     * {@code from} for all of them (else the rest must be read from the topic).
     */
    synchronized Window window(String scopeId, boolean line, long from, long to) {
        List<HistoryPoint> found = new ArrayList<>();
        boolean complete = true;
        for (Deque<HistoryPoint> points : cameras.values()) {
            if (points.isEmpty() || !(line ? points.peekLast().lineId() : points.peekLast().cameraId()).equals(scopeId)) {
                continue;
            }
            // the oldest verdict held is after the window's start: older ones were dropped, or came before
            // this instance owned the camera (a restart, a rebalance)
            if (points.peekFirst().captureMillis() > from) {
                complete = false;
            }
            points.stream().filter(p -> p.captureMillis() >= from && p.captureMillis() <= to).forEach(found::add);
        }
        if (found.isEmpty()) {
            complete = false;
        }
        return new Window(found, complete);
    }

    /** The alert as it opened, if it opened lately on this instance. */
    synchronized Optional<LineAlert> alert(String alertId) {
        return Optional.ofNullable(alerts.get(alertId));
    }

    synchronized void forget(String cameraId) {
        cameras.remove(cameraId);
    }

    /** Verdicts of an alert's window, and whether they are all of them. */
    record Window(List<HistoryPoint> points, boolean complete) {
    }
}
