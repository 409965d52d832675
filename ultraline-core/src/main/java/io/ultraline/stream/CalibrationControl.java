package io.ultraline.stream;

import io.ultraline.avro.CalibrationAction;
import io.ultraline.avro.CalibrationCommand;
import io.ultraline.avro.ProfileChange;
import io.ultraline.avro.SourceRef;
import io.ultraline.defect.ProfileBuilder;
import io.ultraline.defect.ReferenceProfile;
import io.ultraline.frame.RgbImage;
import io.ultraline.inspect.TransformChoice;
import io.ultraline.inspect.ZoomChoice;
import io.ultraline.ultra.align.ConceptPrototypes;
import io.ultraline.ultra.transform.TokenTransform;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calibration commands and calibration frames of one task: START collects the next frames' tokens,
 * the profile is built (with version = previous + 1) once enough are collected or on STOP, RESET
 * deletes the profile. Returns the profile snapshots and tombstones for line.profiles; the caller
 * forwards them.
 *
 * <p>A profile is built off the stream thread ({@link ProfileBuilds}): {@code ProfileBuilder}
 * measures about 2 s for 100 frames of 64 tokens and minutes for 500 frames of 196, while an
 * exactly-once transaction may stay open 10 s. The frame that completes a calibration waits up to
 * {@link CalibrationDefaults#maxInlineBuild} for its profile (small calibrations finish in its
 * transaction, as before); a longer build goes on, the camera's frames get CALIBRATING verdicts
 * meanwhile (and are not collected), and {@link #finishedBuilds} stores the profile and returns its
 * snapshot in a later punctuation. A complete calibration is kept in the store until then, so a
 * restart builds it again ({@link #resumeBuilds}); the build reads only the collected tokens and
 * model inputs, so the profile is the same. With {@code calibration.concept-transform} profile the
 * build also learns the camera's token transform W (issue 19) from the collected model inputs
 * ({@link ModelStep#learnTransform}: seconds of model calls and fitting, on the build thread).
 */
final class CalibrationControl {

    private static final Logger LOG = LoggerFactory.getLogger(CalibrationControl.class);

    /** A build in flight, for the calibration {@code of}; {@code timestamp} stamps its snapshot. */
    private record Pending(
            CalibrationStore.Calibration of, CompletableFuture<ReferenceProfile> build, long timestamp) {}

    /** Calibration frames a model call cuts the zoom tiles of: 8 frames, 32 or 72 tiles. */
    private static final int TILE_BATCH = 8;

    private final CalibrationStore calibrations;
    private final ProfileStore profiles;
    private final ModelStep inspection;
    private final OutputRecords records;
    private final Clock clock;
    private final ProfileBuilds builds;
    private final Duration maxInlineBuild;
    private final TransformChoice conceptTransform;
    private final int zoom;
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final ProfileRevisionControl revisions;

    CalibrationControl(
            CalibrationStore calibrations,
            ProfileStore profiles,
            ModelStep inspection,
            OutputRecords records,
            Clock clock,
            ProfileBuilds builds,
            Duration maxInlineBuild,
            TransformChoice conceptTransform,
            int zoom) {
        this.calibrations = calibrations;
        this.profiles = profiles;
        this.inspection = inspection;
        this.records = records;
        this.clock = clock;
        this.builds = builds;
        this.maxInlineBuild = maxInlineBuild;
        this.conceptTransform = conceptTransform;
        this.zoom = zoom;
        this.revisions = new ProfileRevisionControl(profiles, inspection, records);
    }

    /** The calibration a frame of this camera and product feeds, if one is running or being built. */
    Optional<CalibrationStore.Calibration> running(String cameraId, String productId) {
        return calibrations.find(cameraId, productId);
    }

    /**
     * Adds a frame's tokens to a calibration that is still collecting; the profile snapshot when that
     * completes the calibration and its build ends within the inline wait.
     */
    Optional<Record<String, PipelineOutput>> collect(
            CalibrationStore.Calibration c, CalibrationFrame frame, SourceRef source, long timestamp) {
        if (c.complete()) {
            throw new IllegalStateException("calibration " + c.key() + " is complete; its profile is being built");
        }
        CalibrationStore.Calibration next = calibrations.add(c, frame, source);
        return next.complete() ? build(next, timestamp, maxInlineBuild) : Optional.empty();
    }

    /** Applies a validated command without a frame; the records for line.profiles it causes. */
    List<Record<String, PipelineOutput>> apply(CalibrationCommand command, long timestamp) {
        return apply(command, null, timestamp);
    }

    /**
     * Applies a validated command; the records for line.profiles it causes.
     *
     * @param normalFrame for ADD_NORMAL: the command's frame, decoded at the model's input size
     */
    List<Record<String, PipelineOutput>> apply(CalibrationCommand command, RgbImage normalFrame, long timestamp) {
        String key = ProfileStore.key(command.getCameraId(), command.getProductId());
        List<Record<String, PipelineOutput>> out = new ArrayList<>();
        CalibrationAction action = command.getAction();
        if (action == CalibrationAction.START) {
            abandon(key);
            calibrations.start(
                    command.getCameraId(), command.getProductId(), command.getCommandId(), command.getFrameCount());
            LOG.info(
                    "Calibration {} of {} started on the next {} frames",
                    command.getCommandId(),
                    key,
                    command.getFrameCount());
        } else if (action == CalibrationAction.STOP) {
            Optional<CalibrationStore.Calibration> running = calibrations.get(key);
            if (running.isEmpty()) {
                LOG.warn("STOP {} for {}: no calibration is running", command.getCommandId(), key);
            } else if (running.get().complete()) {
                LOG.info("STOP {} for {}: its profile is already being built", command.getCommandId(), key);
            } else if (running.get().collected() >= 2) {
                build(calibrations.complete(running.get()), timestamp, maxInlineBuild)
                        .ifPresent(out::add);
            } else {
                calibrations.clear(key);
                LOG.warn(
                        "STOP {} for {} after {} frames: a profile needs at least 2; calibration dropped",
                        command.getCommandId(),
                        key,
                        running.get().collected());
            }
        } else if (action == CalibrationAction.PUSH) {
            abandon(key);
            calibrations.clear(key);
            ReferenceProfile pushed = PushedProfiles.decode(command).withVersion(profiles.nextVersion(key));
            profiles.put(key, pushed);
            io.ultraline.avro.ReferenceProfile snapshot =
                    records.snapshot(command.getCameraId(), command.getProductId(), pushed, null);
            snapshot.setChange(ProfileChange.PUSH);
            out.add(new Record<>(key, new PipelineOutput.Profile(snapshot), timestamp));
            LOG.info(
                    "PUSH {} for {}: profile version {} from {} frames, threshold {}",
                    command.getCommandId(),
                    key,
                    pushed.version(),
                    pushed.frameCount(),
                    pushed.threshold());
        } else if (action == CalibrationAction.ADD_NORMAL || action == CalibrationAction.MARGIN) {
            revisions.apply(command, normalFrame, timestamp).ifPresent(out::add);
        } else if (action == CalibrationAction.RESET) {
            abandon(key);
            calibrations.clear(key);
            boolean existed = profiles.delete(key);
            out.add(new Record<>(key, new PipelineOutput.Profile(null), timestamp));
            LOG.info("RESET {} for {}: profile {}", command.getCommandId(), key, existed ? "deleted" : "was absent");
        }
        return out;
    }

    /** Starts the builds of calibrations that were complete when the task last stopped. */
    void resumeBuilds() {
        for (CalibrationStore.Calibration c : calibrations.complete()) {
            if (!pending.containsKey(c.key())) {
                LOG.info(
                        "Calibration {} of {} resumes building its profile from {} frames",
                        c.commandId(),
                        c.key(),
                        c.collected());
                build(c, clock.millis(), Duration.ZERO);
            }
        }
    }

    /** Stores the profiles whose builds have ended since the last call; their snapshots. */
    List<Record<String, PipelineOutput>> finishedBuilds() {
        List<Record<String, PipelineOutput>> out = new ArrayList<>();
        for (Pending p : List.copyOf(pending.values())) {
            if (p.build().isDone()) {
                pending.remove(p.of().key());
                finish(p).ifPresent(out::add);
            }
        }
        return out;
    }

    /**
     * The profile of a calibration from its frames' tokens in collection order, with the camera's
     * token transform W learned from the same frames when {@code conceptTransform} is PROFILE and
     * its concept prototypes learned from them always (where the step can), keeping the ids of
     * {@code previous}, the prototypes of the profile this one replaces (null: none), and a zoom
     * channel at {@code zoom} (1: none) when every frame kept its model input; shared with
     * {@link FrameReplay#calibrate}, so an audit rebuilds a profile exactly as it was built.
     */
    static ReferenceProfile build(
            ModelStep inspection,
            List<CalibrationFrame> frames,
            long version,
            Instant created,
            TransformChoice conceptTransform,
            ConceptPrototypes previous,
            int zoom) {
        ProfileBuilder builder = inspection.newCalibration();
        if (zoom == CalibrationDefaults.AUTO_ZOOM) {
            zoom = chosenZoom(inspection, frames, version);
        }
        boolean tiled = zoom > 1 && frames.stream().allMatch(f -> f.modelInput() != null);
        if (zoom > 1 && !tiled) {
            LOG.warn(
                    "Profile version {} gets no zoom channel: its calibration frames were collected without their"
                            + " model input",
                    version);
        }
        for (int from = 0; from < frames.size(); from += TILE_BATCH) {
            List<CalibrationFrame> chunk = frames.subList(from, Math.min(frames.size(), from + TILE_BATCH));
            List<float[]> tiles = tiled
                    ? inspection.tileTokens(
                            zoom,
                            chunk.stream().map(CalibrationFrame::modelInput).toList())
                    : null;
            for (int i = 0; i < chunk.size(); i++) {
                CalibrationFrame frame = chunk.get(i);
                builder.add(frame.tokens(), frame.modelInput(), tiles == null ? null : tiles.get(i), zoom);
            }
        }
        ReferenceProfile profile = builder.build(version, created);
        if (conceptTransform == TransformChoice.PROFILE) {
            TokenTransform w = inspection.learnTransform(frames);
            if (w == null) {
                LOG.warn(
                        "No token transform learned for profile version {}: the model's graph takes none, or the"
                                + " calibration frames were collected without their model input; its maps stay"
                                + " plain",
                        version);
            }
            profile = profile.withTransform(w);
        }
        // learned through the W the camera's frames will be explained with, so the concepts match
        ConceptPrototypes learned = inspection.learnConceptPrototypes(frames, profile.transform());
        return profile.withConceptPrototypes(learned == null ? null : learned.keepingIdsOf(previous));
    }

    /**
     * The zoom the painted self-check chooses on the calibration frames as the model saw them, 1
     * where a frame lacks its model input.
     */
    private static int chosenZoom(ModelStep inspection, List<CalibrationFrame> frames, long version) {
        List<RgbImage> seen = CalibrationFrame.seenByModel(frames, inspection.imageSize());
        if (seen == null) {
            LOG.warn("Profile version {}: no zoom chosen, its calibration frames lack their model input", version);
            return 1;
        }
        long start = System.nanoTime();
        ZoomChoice choice = inspection.chooseZoom(seen);
        LOG.info(
                "Profile version {}: zoom {} chosen by the painted self-check in {} s, check figures {}",
                version,
                choice.scale(),
                String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9),
                choice.figures());
        return choice.scale();
    }

    /** Starts building a complete calibration's profile; its snapshot when it is done within {@code wait}. */
    private Optional<Record<String, PipelineOutput>> build(
            CalibrationStore.Calibration c, long timestamp, Duration wait) {
        // the stores are read here, on the stream thread; the build thread gets plain arrays
        List<CalibrationFrame> tokens;
        try {
            tokens = calibrations.frames(c);
        } catch (IllegalStateException e) {
            calibrations.clear(c.key());
            LOG.error("Calibration {} of {} lost its tokens; dropped", c.commandId(), c.key(), e);
            return Optional.empty();
        }
        long version = profiles.nextVersion(c.key());
        Instant created = Instant.ofEpochMilli(clock.millis());
        // the ids an operator may have named stay with the things they name (none after a RESET)
        ConceptPrototypes previous =
                profiles.get(c.key()).map(a -> a.profile().conceptPrototypes()).orElse(null);
        Pending p = new Pending(
                c,
                builds.submit(() -> build(inspection, tokens, version, created, conceptTransform, previous, zoom)),
                timestamp);
        pending.put(c.key(), p);
        if (!wait.isZero()) {
            try {
                ProfileBuilds.await(p.build(), wait);
            } catch (RuntimeException e) {
                // finish() reports it
            }
            if (p.build().isDone()) {
                pending.remove(c.key());
                return finish(p);
            }
        }
        LOG.info(
                "Calibration {} of {}: the profile of {} frames takes longer than {}; it is stored when built, "
                        + "and the camera's frames are CALIBRATING until then",
                c.commandId(),
                c.key(),
                c.collected(),
                wait);
        return Optional.empty();
    }

    /** Stores an ended build's profile, if its calibration is still the one in the store. */
    private Optional<Record<String, PipelineOutput>> finish(Pending p) {
        CalibrationStore.Calibration c = p.of();
        Optional<CalibrationStore.Calibration> current = calibrations.get(c.key());
        if (current.isEmpty()
                || !current.get().commandId().equals(c.commandId())
                || !current.get().complete()) {
            LOG.info(
                    "Calibration {} of {} was replaced while its profile was built; profile dropped",
                    c.commandId(),
                    c.key());
            return Optional.empty();
        }
        ReferenceProfile profile;
        try {
            profile = ProfileBuilds.await(p.build(), Duration.ZERO);
        } catch (RuntimeException e) {
            // e.g. tokens of another model collected before a restart with a new one
            calibrations.clear(c.key());
            LOG.error(
                    "Calibration {} of {} could not build a profile from {} frames; dropped",
                    c.commandId(),
                    c.key(),
                    c.collected(),
                    e);
            return Optional.empty();
        }
        profiles.put(c.key(), profile);
        calibrations.clear(c.key());
        LOG.info(
                "Calibration {} of {} finished: profile version {} from {} frames, threshold {}, {}, {}",
                c.commandId(),
                c.key(),
                profile.version(),
                profile.frameCount(),
                profile.threshold(),
                profile.transform() == null
                        ? "no token transform"
                        : "token transform " + profile.transform().outDim() + " x "
                                + profile.transform().inDim(),
                profile.conceptPrototypes() == null
                        ? "no concept prototypes"
                        : profile.conceptPrototypes().count() + " concept prototypes");
        io.ultraline.avro.ReferenceProfile snapshot =
                records.snapshot(c.cameraId(), c.productId(), profile, c.lastSource());
        snapshot.setChange(ProfileChange.CALIBRATION);
        return Optional.of(new Record<>(c.key(), new PipelineOutput.Profile(snapshot), p.timestamp()));
    }

    /** Forgets a build in flight (its calibration is restarted or reset). */
    private void abandon(String key) {
        Pending p = pending.remove(key);
        if (p != null) {
            p.build().cancel(false);
        }
    }
}
