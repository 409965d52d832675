package io.ultraline.stream;

import io.ultraline.avro.CalibrationAction;
import io.ultraline.avro.CalibrationCommand;
import io.ultraline.avro.ProfileChange;
import io.ultraline.defect.ProfileRevisions;
import io.ultraline.defect.ReferenceProfile;
import io.ultraline.frame.RgbImage;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ADD_NORMAL and MARGIN: an operator's change of a camera's current profile, stored as the next
 * version and published on line.profiles like a calibration's. The new version's creation time is
 * the command's timestamp, so everything it holds follows from the previous version and the
 * command: an audit rebuilds it ({@code ProfileCheck}).
 */
final class ProfileRevisionControl {

    private static final Logger LOG = LoggerFactory.getLogger(ProfileRevisionControl.class);

    private final ProfileStore profiles;
    private final ModelStep inspection;
    private final OutputRecords records;

    ProfileRevisionControl(ProfileStore profiles, ModelStep inspection, OutputRecords records) {
        this.profiles = profiles;
        this.inspection = inspection;
        this.records = records;
    }

    /** Applies a validated ADD_NORMAL (with its decoded frame) or MARGIN; the snapshot, if a version was made. */
    Optional<Record<String, PipelineOutput>> apply(CalibrationCommand command, RgbImage normalFrame, long timestamp) {
        // ADD_NORMAL changes the profile the frame was scored against; MARGIN names its profile exactly
        Optional<ProfileStore.Active> current = command.getAction() == CalibrationAction.ADD_NORMAL
                ? profiles.find(command.getCameraId(), command.getProductId())
                : profiles.get(ProfileStore.key(command.getCameraId(), command.getProductId()));
        if (current.isEmpty()) {
            LOG.warn(
                    "{} {} for camera {}: the camera has no profile to change; ignored",
                    command.getAction(),
                    command.getCommandId(),
                    command.getCameraId());
            return Optional.empty();
        }
        String key = current.get().key();
        ReferenceProfile previous = current.get().profile();
        long version = profiles.nextVersion(key);
        Instant created = command.getTimestamp();
        ReferenceProfile next;
        ProfileChange change;
        if (command.getAction() == CalibrationAction.ADD_NORMAL) {
            CalibrationFrame tokens = NormalFrames.tokens(inspection, normalFrame);
            if (tokens == null) {
                LOG.error(
                        "ADD_NORMAL {} for {}: the model failed on frame {}; profile unchanged",
                        command.getCommandId(),
                        key,
                        command.getFrameId());
                return Optional.empty();
            }
            next = ProfileRevisions.withNormalFrame(
                    previous,
                    tokens.tokens(),
                    tokens.modelInput(),
                    inspection.tileTokens(previous, tokens.modelInput()),
                    version,
                    created);
            change = ProfileChange.NORMAL_EXAMPLE;
        } else {
            next = ProfileRevisions.withMargin(previous, command.getMargin(), version, created);
            change = ProfileChange.MARGIN;
        }
        profiles.put(key, next);
        String product = key.equals(command.getCameraId()) ? null : command.getProductId();
        io.ultraline.avro.ReferenceProfile snapshot = records.snapshot(
                command.getCameraId(),
                product,
                next,
                change == ProfileChange.NORMAL_EXAMPLE ? command.getFrameSource() : null);
        snapshot.setChange(change);
        snapshot.setBasedOnVersion(current.get().version());
        snapshot.setMargin(change == ProfileChange.MARGIN ? command.getMargin() : null);
        LOG.info(
                "{} {} for {}: profile version {} from version {}{}, threshold {}",
                command.getAction(),
                command.getCommandId(),
                key,
                version,
                current.get().version(),
                change == ProfileChange.MARGIN
                        ? " with margin " + command.getMargin()
                        : " and frame " + command.getFrameId(),
                next.threshold());
        return Optional.of(new Record<>(key, new PipelineOutput.Profile(snapshot), timestamp));
    }
}
