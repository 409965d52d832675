package io.ultraline.app;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.ultraline.avro.VerdictStatus;
import java.util.Optional;

/**
 * A camera's calibration state as its last verdict shows it, exported as
 * {@code ultraline_calibration_state{camera,state}}: one series per state, 1 for the current one
 * and 0 for the others, so {@code ultraline_calibration_state{state="UNCALIBRATED"} == 1} selects
 * the cameras that need a calibration and a state change never leaves an old series at 1.
 */
final class CalibrationState {

    /** What a verdict says about its camera's profile. */
    enum State {
        /** Scored against a reference profile (the verdict was OK or DEFECT). */
        CALIBRATED,
        /** The frame went into a calibration run. */
        CALIBRATING,
        /** No reference profile for the camera (and product). */
        UNCALIBRATED
    }

    private volatile State current;

    private CalibrationState() {}

    /** The state a verdict status shows; empty for a status this code does not know. */
    static Optional<State> of(VerdictStatus status) {
        return switch (status) {
            case OK, DEFECT -> Optional.of(State.CALIBRATED);
            case CALIBRATING -> Optional.of(State.CALIBRATING);
            case UNCALIBRATED -> Optional.of(State.UNCALIBRATED);
            default -> Optional.empty();
        };
    }

    /** A new holder for {@code camera} with its series registered (all 0 until {@link #set}). */
    static CalibrationState register(MeterRegistry registry, String camera) {
        CalibrationState holder = new CalibrationState();
        for (State s : State.values()) {
            Gauge.builder("ultraline.calibration.state", holder, h -> h.current == s ? 1 : 0)
                    .description("1 for the calibration state of the camera's last verdict, 0 for the others")
                    .tags("camera", camera, "state", s.name())
                    .register(registry);
        }
        return holder;
    }

    void set(State state) {
        current = state;
    }
}
