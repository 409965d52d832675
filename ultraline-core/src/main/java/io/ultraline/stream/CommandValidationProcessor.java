package io.ultraline.stream;

import io.ultraline.avro.CalibrationAction;
import io.ultraline.avro.CalibrationCommand;
import io.ultraline.avro.RejectReason;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Checks a calibration command before it reaches the camera's state: a camera id equal to the
 * record key (the command must land in the partition of the camera's frames), a known action, and
 * for START a frame count within {@link CalibrationDefaults} (0 means the default), for MARGIN a
 * factor in (0, {@value #MAX_MARGIN}], for ADD_NORMAL and EXPLAIN a frame that passes the
 * frames-validate checks (decoded here, so the inference node gets it at the model's input size). Commands that fail are
 * dead-lettered like frames, with their original bytes and source.
 */
final class CommandValidationProcessor
        implements Processor<WithBytes<String>, WithBytes<CalibrationCommand>, String, PipelineInput> {

    /** Largest MARGIN factor, as control.ProfileChanges accepts it. */
    static final float MAX_MARGIN = 10f;

    private final CalibrationDefaults defaults;
    private final PushedProfiles pushed;
    private final FrameDecoding decoding;
    private final int modelImageSize;
    private ProcessorContext<String, PipelineInput> context;

    CommandValidationProcessor(
            CalibrationDefaults defaults, PushedProfiles pushed, FrameDecoding decoding, int modelImageSize) {
        this.defaults = defaults;
        this.pushed = pushed;
        this.decoding = decoding;
        this.modelImageSize = modelImageSize;
    }

    /**
     * @param decoding       decodes an ADD_NORMAL command's frame as frames-validate decodes frames
     * @param modelImageSize the model's input size
     */
    static ProcessorSupplier<WithBytes<String>, WithBytes<CalibrationCommand>, String, PipelineInput> supplier(
            CalibrationDefaults defaults, PushedProfiles pushed, FrameDecoding decoding, int modelImageSize) {
        return () -> new CommandValidationProcessor(defaults, pushed, decoding, modelImageSize);
    }

    @Override
    public void init(ProcessorContext<String, PipelineInput> context) {
        this.context = context;
    }

    @Override
    public void process(Record<WithBytes<String>, WithBytes<CalibrationCommand>> record) {
        OriginalRecord original = FrameValidationProcessor.original(context, record);
        String key = record.key() == null ? null : record.key().value();
        CalibrationCommand command =
                record.value() == null ? null : record.value().value();
        PipelineInput input = validate(original, key, command);
        context.forward(new Record<>(key, input, record.timestamp()));
    }

    private PipelineInput validate(OriginalRecord original, String key, CalibrationCommand command) {
        if (command == null) {
            return rejected(original, RejectReason.MISSING_FIELD, "null value (a tombstone): no command", key);
        }
        String camera = command.getCameraId();
        if (camera == null || camera.isBlank()) {
            return rejected(original, RejectReason.MISSING_FIELD, "calibration command without cameraId", key);
        }
        if (!camera.equals(key)) {
            return rejected(
                    original,
                    RejectReason.INVALID_FIELD,
                    "calibration command for camera " + camera
                            + " has key '" + key + "': the key must be the camera id so that the command meets the "
                            + "camera's frames",
                    camera);
        }
        if (command.getAction() == null || command.getAction() == CalibrationAction.UNKNOWN) {
            return rejected(
                    original,
                    RejectReason.MISSING_FIELD,
                    "calibration command " + command.getCommandId()
                            + " has no known action (START, STOP, RESET, PUSH, ADD_NORMAL, MARGIN or EXPLAIN)",
                    camera);
        }
        CalibrationCommand.Builder normalised = CalibrationCommand.newBuilder(command);
        if (command.getProductId() != null && command.getProductId().isBlank()) {
            normalised.setProductId(null);
        }
        if (command.getAction() == CalibrationAction.START) {
            int frames = command.getFrameCount() == 0 ? defaults.defaultFrameCount() : command.getFrameCount();
            if (frames < 2 || frames > defaults.maxFrameCount()) {
                return rejected(
                        original,
                        RejectReason.INVALID_FIELD,
                        "START " + command.getCommandId()
                                + " asks for " + command.getFrameCount() + " frames; calibration needs 2 to "
                                + defaults.maxFrameCount() + " (0 for the default " + defaults.defaultFrameCount()
                                + ")",
                        camera);
            }
            normalised.setFrameCount(frames);
        }
        if (command.getAction() == CalibrationAction.PUSH) {
            String problem = pushed.problem(command);
            if (problem != null) {
                return rejected(
                        original,
                        RejectReason.INVALID_FIELD,
                        "PUSH " + command.getCommandId() + ": " + problem,
                        camera);
            }
        }
        if (command.getAction() == CalibrationAction.MARGIN) {
            Float m = command.getMargin();
            if (m == null || !(m > 0f) || !(m <= MAX_MARGIN)) {
                return rejected(
                        original,
                        RejectReason.INVALID_FIELD,
                        "MARGIN " + command.getCommandId() + " has margin " + m + "; a margin is a factor in (0, "
                                + MAX_MARGIN + "]",
                        camera);
            }
        }
        if (command.getAction() == CalibrationAction.ADD_NORMAL || command.getAction() == CalibrationAction.EXPLAIN) {
            return withFrame(original, normalised.build(), camera);
        }
        return new PipelineInput.Command(original, normalised.build());
    }

    /**
     * An ADD_NORMAL or EXPLAIN whose frame decodes as line.frames would decode it, with that frame;
     * else its rejection.
     */
    private PipelineInput withFrame(OriginalRecord original, CalibrationCommand command, String camera) {
        String action = command.getAction().name();
        String problem = NormalFrames.problem(command);
        if (problem != null) {
            return rejected(
                    original,
                    RejectReason.MISSING_FIELD,
                    action + " " + command.getCommandId() + ": " + problem,
                    camera);
        }
        PipelineInput frame = FrameValidationProcessor.validate(
                decoding, modelImageSize, original, NormalFrames.frameOf(command), camera);
        if (frame instanceof PipelineInput.Frame f) {
            return new PipelineInput.Command(original, command, f.modelImage());
        }
        PipelineInput.Rejected r = (PipelineInput.Rejected) frame;
        return new PipelineInput.Rejected(
                original,
                r.reason(),
                action + " " + command.getCommandId() + ": its frame " + command.getFrameId() + " is refused: "
                        + r.message(),
                camera,
                command.getFrameId());
    }

    private static PipelineInput rejected(OriginalRecord original, RejectReason reason, String message, String camera) {
        return new PipelineInput.Rejected(original, reason, message, camera, null);
    }
}
