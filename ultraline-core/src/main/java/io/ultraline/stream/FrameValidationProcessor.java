package io.ultraline.stream;

import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.RejectReason;
import io.ultraline.frame.Resize;
import io.ultraline.frame.RgbImage;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a deserialized frame's fields, decodes and validates its image, and resizes it to the
 * model input. Re-keys by cameraId. Every input record leaves as exactly one {@link PipelineInput}:
 * a {@link PipelineInput.Frame} or a {@link PipelineInput.Rejected} with its typed reason.
 */
final class FrameValidationProcessor
        implements Processor<WithBytes<String>, WithBytes<CameraFrame>, String, PipelineInput> {

    private static final Logger LOG = LoggerFactory.getLogger(FrameValidationProcessor.class);

    /** Warn once per camera, for at most this many cameras (producers can invent ids). */
    private static final int MAX_WARNED_KEYS = 1000;

    private final FrameDecoding decoding;
    private final int modelImageSize;
    private final Set<String> warnedKeys = new HashSet<>();
    private ProcessorContext<String, PipelineInput> context;

    FrameValidationProcessor(FrameDecoding decoding, int modelImageSize) {
        this.decoding = decoding;
        this.modelImageSize = modelImageSize;
    }

    static ProcessorSupplier<WithBytes<String>, WithBytes<CameraFrame>, String, PipelineInput> supplier(
            FrameDecoding decoding, int modelImageSize) {
        return () -> new FrameValidationProcessor(decoding, modelImageSize);
    }

    @Override
    public void init(ProcessorContext<String, PipelineInput> context) {
        this.context = context;
    }

    @Override
    public void process(Record<WithBytes<String>, WithBytes<CameraFrame>> record) {
        OriginalRecord original = original(context, record);
        CameraFrame frame = record.value() == null ? null : record.value().value();
        String key = record.key() == null ? null : record.key().value();
        PipelineInput input = validate(decoding, modelImageSize, original, frame, key);
        if (input instanceof PipelineInput.Frame
                && !frame.getCameraId().equals(key)
                && warnedKeys.size() < MAX_WARNED_KEYS
                && warnedKeys.add(frame.getCameraId())) {
            LOG.warn(
                    "Frames of camera {} arrive with key '{}' on {}: keys must be the camera id, or the camera's "
                            + "profile and calibration state may sit in another task",
                    frame.getCameraId(),
                    key,
                    original.topic());
        }
        String outKey = frame != null
                        && frame.getCameraId() != null
                        && !frame.getCameraId().isBlank()
                ? frame.getCameraId()
                : key;
        context.forward(new Record<>(outKey, input, record.timestamp()));
    }

    /**
     * The validation of one deserialized frame, without side effects: shared by this node and
     * {@link FrameReplay}, so an audit judges a recorded frame by exactly the topology's rules.
     */
    static PipelineInput validate(
            FrameDecoding decoding, int modelImageSize, OriginalRecord original, CameraFrame frame, String key) {
        if (frame == null) {
            return new PipelineInput.Rejected(
                    original, RejectReason.MISSING_FIELD, "null value (a tombstone): no frame to inspect", key, null);
        }
        String missing = missingField(frame);
        if (missing != null) {
            return new PipelineInput.Rejected(
                    original,
                    RejectReason.MISSING_FIELD,
                    missing,
                    blankToNull(frame.getCameraId()),
                    blankToNull(frame.getFrameId()));
        }
        FieldLimits fields = decoding.fields();
        String invalid = fields.violation(frame);
        if (invalid != null) {
            // the ids are what broke the bounds: the dead letter carries them cut, the record keeps them whole
            return new PipelineInput.Rejected(
                    original,
                    RejectReason.INVALID_FIELD,
                    invalid,
                    cut(frame.getCameraId(), fields),
                    cut(frame.getFrameId(), fields));
        }
        RgbImage image;
        try {
            image = decoding.decode(frame);
        } catch (DeadLetterException rejection) {
            return new PipelineInput.Rejected(
                    original, rejection.reason(), rejection.getMessage(), frame.getCameraId(), frame.getFrameId());
        }
        return new PipelineInput.Frame(original, frame, Resize.to(image, modelImageSize, modelImageSize));
    }

    private static String missingField(CameraFrame frame) {
        if (frame.getCameraId() == null || frame.getCameraId().isBlank()) {
            return "cameraId is empty";
        }
        if (frame.getFrameId() == null || frame.getFrameId().isBlank()) {
            return "frameId is empty";
        }
        if (frame.getImage() == null || !frame.getImage().hasRemaining()) {
            return "image is empty";
        }
        if (frame.getWidth() <= 0 || frame.getHeight() <= 0) {
            return "declared width and height must be positive, got " + frame.getWidth() + " x " + frame.getHeight();
        }
        return null;
    }

    private static String cut(String id, FieldLimits fields) {
        return id == null || id.length() <= fields.maxIdLength() ? id : FieldLimits.start(id);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** The input record as it sat on its topic. */
    static OriginalRecord original(
            ProcessorContext<?, ?> context, Record<? extends WithBytes<?>, ? extends WithBytes<?>> record) {
        RecordMetadata meta = context.recordMetadata()
                .orElseThrow(() -> new IllegalStateException("validation runs on source records only"));
        return new OriginalRecord(
                meta.topic(),
                meta.partition(),
                meta.offset(),
                record.timestamp(),
                record.key() == null ? null : record.key().bytes(),
                record.value() == null ? null : record.value().bytes(),
                OriginalRecord.headers(record.headers()));
    }
}
