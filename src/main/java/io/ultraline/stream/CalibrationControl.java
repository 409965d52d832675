package io.ultraline.stream;

import io.ultraline.avro.CalibrationAction;
import io.ultraline.avro.CalibrationCommand;
import io.ultraline.avro.SourceRef;
import io.ultraline.defect.ProfileBuilder;
import io.ultraline.defect.ReferenceProfile;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calibration commands and calibration frames of one task: START collects the next frames' tokens,
 * the profile is built (with version = previous + 1) once enough are collected or on STOP, RESET
 * deletes the profile. Returns the profile snapshots and tombstones for line.profiles; the caller
 * forwards them. Building a profile runs on the stream thread ({@code ProfileBuilder} measures about
 * 2 s for 100 frames of 64 tokens), inside the transaction of the frame that completes it.
 */
final class CalibrationControl {

    private static final Logger LOG = LoggerFactory.getLogger(CalibrationControl.class);

    private final CalibrationStore calibrations;
    private final ProfileStore profiles;
    private final FrameInspection inspection;
    private final OutputRecords records;
    private final Clock clock;

    CalibrationControl(CalibrationStore calibrations, ProfileStore profiles, FrameInspection inspection,
            OutputRecords records, Clock clock) {
        this.calibrations = calibrations;
        this.profiles = profiles;
        this.inspection = inspection;
        this.records = records;
        this.clock = clock;
    }

    /** The calibration a frame of this camera and product feeds, if one is running. */
    Optional<CalibrationStore.Calibration> running(String cameraId, String productId) {
        return calibrations.find(cameraId, productId);
    }

    /** Adds a frame's tokens; the profile snapshot when that completes the calibration. */
    Optional<Record<String, PipelineOutput>> collect(CalibrationStore.Calibration c, float[] tokens, SourceRef source,
            long timestamp) {
        CalibrationStore.Calibration next = calibrations.add(c, tokens, source);
        return next.collected() >= next.target() ? finish(next, timestamp) : Optional.empty();
    }

    /** Applies a validated command; the records for line.profiles it causes. */
    List<Record<String, PipelineOutput>> apply(CalibrationCommand command, long timestamp) {
        String key = ProfileStore.key(command.getCameraId(), command.getProductId());
        List<Record<String, PipelineOutput>> out = new ArrayList<>();
        CalibrationAction action = command.getAction();
        if (action == CalibrationAction.START) {
            calibrations.start(command.getCameraId(), command.getProductId(), command.getCommandId(),
                    command.getFrameCount());
            LOG.info("Calibration {} of {} started on the next {} frames", command.getCommandId(), key,
                    command.getFrameCount());
        } else if (action == CalibrationAction.STOP) {
            Optional<CalibrationStore.Calibration> running = calibrations.get(key);
            if (running.isEmpty()) {
                LOG.warn("STOP {} for {}: no calibration is running", command.getCommandId(), key);
            } else if (running.get().collected() >= 2) {
                finish(running.get(), timestamp).ifPresent(out::add);
            } else {
                calibrations.clear(key);
                LOG.warn("STOP {} for {} after {} frames: a profile needs at least 2; calibration dropped",
                        command.getCommandId(), key, running.get().collected());
            }
        } else if (action == CalibrationAction.RESET) {
            calibrations.clear(key);
            boolean existed = profiles.delete(key);
            out.add(new Record<>(key, new PipelineOutput.Profile(null), timestamp));
            LOG.info("RESET {} for {}: profile {}", command.getCommandId(), key, existed ? "deleted" : "was absent");
        }
        return out;
    }

    /**
     * The profile of a calibration from its frames' tokens in collection order; shared with
     * {@link FrameReplay#calibrate}, so an audit rebuilds a profile exactly as it was built.
     */
    static ReferenceProfile build(FrameInspection inspection, List<float[]> frameTokens, long version,
            Instant created) {
        ProfileBuilder builder = inspection.newCalibration();
        for (float[] tokens : frameTokens) {
            builder.add(tokens);
        }
        return builder.build(version, created);
    }

    /** Builds and stores the profile of a calibration; its snapshot, or empty if it cannot be built. */
    private Optional<Record<String, PipelineOutput>> finish(CalibrationStore.Calibration c, long timestamp) {
        try {
            ReferenceProfile profile = build(inspection, calibrations.tokens(c), profiles.nextVersion(c.key()),
                    Instant.ofEpochMilli(clock.millis()));
            profiles.put(c.key(), profile);
            calibrations.clear(c.key());
            LOG.info("Calibration {} of {} finished: profile version {} from {} frames, threshold {}", c.commandId(),
                    c.key(), profile.version(), profile.frameCount(), profile.threshold());
            return Optional.of(new Record<>(c.key(), new PipelineOutput.Profile(
                    records.snapshot(c.cameraId(), c.productId(), profile, c.lastSource())), timestamp));
        } catch (IllegalArgumentException | IllegalStateException e) {
            // e.g. tokens of another model collected before a restart with a new one
            calibrations.clear(c.key());
            LOG.error("Calibration {} of {} could not build a profile from {} frames; dropped", c.commandId(),
                    c.key(), c.collected(), e);
            return Optional.empty();
        }
    }
}
