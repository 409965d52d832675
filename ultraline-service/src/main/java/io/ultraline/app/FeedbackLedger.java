package io.ultraline.app;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.ultraline.avro.FeedbackKind;
import io.ultraline.avro.OperatorFeedback;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What line.feedback says so far, as the API and the metrics need it: each camera's recent
 * feedback (newest first), who acknowledged which alert and when, and per camera the operators'
 * confirmed precision, {@code ultraline_operator_confirmed_precision{camera}} = confirmed defects /
 * (confirmed defects + false alarms). Bounded: {@link #PER_CAMERA} records per camera and
 * {@link #MAX_ACKS} acknowledgements (the oldest go first). Thread-safe.
 */
final class FeedbackLedger {

    static final int PER_CAMERA = 100;
    static final int MAX_ACKS = 10_000;

    /** An acknowledgement: when (epoch ms) and by whom (null when security is off). */
    record Ack(long at, String by) {}

    /** Judgements of one camera's verdicts, read by its precision gauge. */
    private static final class Counts {
        volatile long confirmed;
        volatile long falseAlarms;

        double precision() {
            long all = confirmed + falseAlarms;
            return all == 0 ? Double.NaN : (double) confirmed / all;
        }
    }

    private final MeterRegistry registry;
    private final Map<String, Deque<OperatorFeedback>> recent = new HashMap<>();
    private final Map<String, Counts> counts = new HashMap<>();
    private final LinkedHashMap<String, Ack> acks = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Ack> eldest) {
            return size() > MAX_ACKS;
        }
    };

    FeedbackLedger(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Takes one record of line.feedback. */
    synchronized void accept(OperatorFeedback f) {
        Deque<OperatorFeedback> camera = recent.computeIfAbsent(f.getCameraId(), c -> new ArrayDeque<>());
        camera.addFirst(f);
        if (camera.size() > PER_CAMERA) {
            camera.removeLast();
        }
        if (f.getKind() == FeedbackKind.ALERT_ACK && f.getAlertId() != null) {
            acks.putIfAbsent(f.getAlertId(), new Ack(f.getTimestamp().toEpochMilli(), f.getOperator()));
        } else if (f.getKind() == FeedbackKind.CONFIRMED_DEFECT) {
            counts(f.getCameraId()).confirmed++;
        } else if (f.getKind() == FeedbackKind.FALSE_ALARM) {
            counts(f.getCameraId()).falseAlarms++;
        }
    }

    /** The camera's recent feedback, newest first. */
    synchronized List<OperatorFeedback> recent(String cameraId) {
        Deque<OperatorFeedback> camera = recent.get(cameraId);
        return camera == null ? List.of() : new ArrayList<>(camera);
    }

    /** The first acknowledgement of the alert, if any. */
    synchronized Optional<Ack> ack(String alertId) {
        return Optional.ofNullable(acks.get(alertId));
    }

    /** The camera's confirmed precision, NaN before any judgement of its verdicts. */
    synchronized double precision(String cameraId) {
        Counts c = counts.get(cameraId);
        return c == null ? Double.NaN : c.precision();
    }

    private Counts counts(String cameraId) {
        return counts.computeIfAbsent(cameraId, c -> {
            Counts fresh = new Counts();
            Gauge.builder("ultraline.operator.confirmed.precision", fresh, Counts::precision)
                    .description("Operator-confirmed precision: confirmed defects / (confirmed + false alarms)")
                    .tag("camera", c)
                    .register(registry);
            return fresh;
        });
    }
}
