package io.ultraline.stream;

import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.DefectRegion;
import io.ultraline.avro.FrameExplanation;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.RejectReason;
import io.ultraline.avro.SourceRef;
import io.ultraline.avro.VerdictStatus;
import io.ultraline.defect.FrameAssessment;
import io.ultraline.defect.ReferenceProfile;
import io.ultraline.frame.RgbImage;
import io.ultraline.inspect.InspectedFrame;
import io.ultraline.inspect.TransformChoice;
import io.ultraline.ultra.align.ConceptPrototypes;
import io.ultraline.ultra.transform.TokenTransform;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The topology's per-frame steps without Kafka Streams, for audits that re-run recorded frames
 * offline: the frames source's deserialization, the frames-validate node's checks and decoding, the
 * inference node's batched model call (with its split-on-failure) and scoring, and the same Avro
 * output records. It holds no calibration state: which profile a frame is scored against, or that
 * it had none, is the caller's input (an audit takes it from the recorded verdict); a profile is
 * rebuilt from the calibration frames' tokens the caller collects ({@link #calibrate}).
 * Thread-safe when the inspection is.
 */
public final class FrameReplay {

    private final ModelStep inspection;
    private final FrameDecoding decoding;
    private final Deserializer<String> keys;
    private final Deserializer<CameraFrame> frames;
    private final OutputRecords records;
    private final ExplainSelection selection;
    private final TargetChoice targets;
    private final boolean twoStage;
    private final TransformChoice conceptTransform;
    private final int zoom;

    /** As the five-argument constructor, for a recorded run in explanations mode all. */
    public FrameReplay(ModelStep inspection, FrameDecoding decoding, PipelineTopics topics, String pipelineVersion) {
        this(inspection, decoding, topics, pipelineVersion, ExplainConfig.defaults());
    }

    /**
     * @param inspection      the model step (as handed to {@link InspectionTopology#build})
     * @param decoding        image decoding and limits of the recorded run's configuration
     * @param topics          the topics; only the frames topic's serdes are used
     * @param pipelineVersion stamped on the replayed records
     * @param explain         the recorded run's explanation settings: in the two-stage modes only
     *                        the frames {@link ExplainSelection} picks had maps (their verdicts count
     *                        concepts, the others 0) and an explanation, and the replay picks the same
     */
    public FrameReplay(
            ModelStep inspection,
            FrameDecoding decoding,
            PipelineTopics topics,
            String pipelineVersion,
            ExplainConfig explain) {
        this(inspection, decoding, topics, pipelineVersion, explain, CalibrationDefaults.defaults());
    }

    /**
     * As the five-argument constructor, for a recorded run with these calibration settings.
     *
     * @param calibration the recorded run's calibration settings: whether its calibrations learned a
     *                    token transform W ({@link CalibrationDefaults#conceptTransform})
     */
    public FrameReplay(
            ModelStep inspection,
            FrameDecoding decoding,
            PipelineTopics topics,
            String pipelineVersion,
            ExplainConfig explain,
            CalibrationDefaults calibration) {
        this.conceptTransform = calibration.conceptTransform();
        this.zoom = calibration.zoom();
        this.inspection = Objects.requireNonNull(inspection, "inspection");
        this.decoding = Objects.requireNonNull(decoding, "decoding");
        this.keys = topics.frames().keySerde().deserializer();
        this.frames = topics.frames().valueSerde().deserializer();
        this.records = new OutputRecords(inspection.model(), pipelineVersion);
        this.selection = new ExplainSelection(explain);
        this.targets = new TargetChoice(explain);
        this.twoStage = explain.mode().twoStage();
    }

    /** The line.profiles key of a camera's profile for one product, or for any product when it is null. */
    public static String profileKey(String cameraId, String productId) {
        return ProfileStore.key(cameraId, productId);
    }

    /** The model behind the replayed records. */
    public ModelIdentity model() {
        return inspection.model();
    }

    /** A recorded frame after validation: ready for the model, or rejected as the topology would. */
    public sealed interface Prepared permits Ready, Rejected {
        /** Where the record sits on line.frames. */
        SourceRef source();
    }

    /** A frame that passed validation. */
    public static final class Ready implements Prepared {
        private final PipelineInput.Frame input;

        Ready(PipelineInput.Frame input) {
            this.input = input;
        }

        @Override
        public SourceRef source() {
            return input.original().sourceRef();
        }

        /** The deserialized record. */
        public CameraFrame frame() {
            return input.frame();
        }

        /** The decoded image at the model's input size, as the model saw it. */
        public RgbImage modelImage() {
            return input.modelImage();
        }
    }

    /**
     * A record the topology dead-letters before the model.
     *
     * @param reason  the dead-letter reason the topology gives it
     * @param message why
     */
    public record Rejected(SourceRef source, RejectReason reason, String message) implements Prepared {}

    /** The model's answer for one frame: an inspection, or the message of a model failure. */
    public record Replayed(InspectedFrame frame, String failure) {}

    /**
     * Deserializes, validates and decodes one record of line.frames exactly as the frames source and
     * frames-validate nodes do.
     *
     * @throws RuntimeException when the schema registry is unavailable (the topology retries such
     *     records rather than dead-lettering them, so a replay must not judge them)
     */
    public Prepared prepare(ConsumerRecord<byte[], byte[]> record) {
        OriginalRecord original = new OriginalRecord(
                record.topic(),
                record.partition(),
                record.offset(),
                record.timestamp(),
                record.key(),
                record.value(),
                OriginalRecord.headers(record.headers()));
        CameraFrame frame;
        String key;
        try {
            key = record.key() == null ? null : keys.deserialize(record.topic(), record.headers(), record.key());
            frame = record.value() == null
                    ? null
                    : frames.deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            if (DeadLetters.isRegistryOutage(e)) {
                throw e;
            }
            return new Rejected(original.sourceRef(), DeadLetters.deserializationReason(e), e.getMessage());
        }
        PipelineInput input = FrameValidationProcessor.validate(decoding, inspection.imageSize(), original, frame, key);
        if (input instanceof PipelineInput.Frame ready) {
            return new Ready(ready);
        }
        PipelineInput.Rejected rejected = (PipelineInput.Rejected) input;
        return new Rejected(original.sourceRef(), rejected.reason(), rejected.message());
    }

    /**
     * The batch's model calls, split on failure as the inference node does; one answer per frame.
     *
     * @param transforms per frame the token transform W of the profile it is scored against (null:
     *                   none, as for a frame that is not scored): in mode all its maps go through it,
     *                   one call per distinct W as in the inference node; ignored in the two-stage modes
     */
    public List<Replayed> inspect(List<Ready> batch, List<TokenTransform> transforms) {
        List<RgbImage> images = batch.stream().map(r -> r.input.modelImage()).toList();
        // as recorded: in the two-stage modes the batch's tokens come from the first stage's forward
        // pass, and maps only for the frames that score() finds selected
        List<BatchInference.Outcome> outcomes =
                twoStage ? BatchInference.scan(inspection, images) : BatchInference.run(inspection, images, transforms);
        List<Replayed> out = new ArrayList<>(outcomes.size());
        for (BatchInference.Outcome o : outcomes) {
            out.add(
                    o instanceof BatchInference.Outcome.Inspected i
                            ? new Replayed(i.frame(), null)
                            : new Replayed(null, ((BatchInference.Outcome.Failed) o).message()));
        }
        return out;
    }

    /**
     * The records of a frame scored against a profile, built by the inference node's own code.
     *
     * @param now stamped as processedTimestamp
     */
    public Outputs score(
            Ready frame, InspectedFrame inspected, ReferenceProfile profile, long profileVersion, long now) {
        OriginalRecord source = frame.input.original();
        // as the profile store gives it to the inference node; explaining does not read its key
        ProfileStore.Active used = new ProfileStore.Active(null, profileVersion, profile);
        if (!twoStage) {
            ScoredFrame s = ScoredFrame.score(
                    inspection, records, frame.frame(), source, inspected, profile, profileVersion, now);
            Optional<ExplainSelection.Reason> every = published(Optional.of(ExplainSelection.Reason.EVERY_FRAME));
            return new Outputs(
                    s.verdict(),
                    s.defects(),
                    s.assessment(),
                    every,
                    every.isEmpty()
                            ? null
                            : records.explanation(
                                    frame.frame(),
                                    source,
                                    inspected,
                                    s.assessment(),
                                    used,
                                    ExplainSelection.Reason.EVERY_FRAME,
                                    null));
        }
        int w = frame.frame().getWidth();
        int h = frame.frame().getHeight();
        FrameAssessment first = inspection.score(profile, inspected, w, h);
        VerdictStatus status = first.isDefective() ? VerdictStatus.DEFECT : VerdictStatus.OK;
        Optional<ExplainSelection.Reason> reason = selection.reason(status, first, source.offset());
        int[] chosen = reason.isPresent() ? targets.targets(inspected, first) : null;
        InspectedFrame explained = reason.isPresent() ? secondStage(inspected, chosen, profile.transform()) : null;
        ScoredFrame s = status == VerdictStatus.DEFECT && explained != null
                ? ScoredFrame.flagged(inspection, records, frame.frame(), source, first, explained, profileVersion, now)
                : ScoredFrame.of(
                        records,
                        frame.frame(),
                        source,
                        first,
                        explained == null ? 0 : explained.conceptCount(),
                        profileVersion,
                        now);
        return new Outputs(
                s.verdict(),
                s.defects(),
                s.assessment(),
                published(reason),
                explanation(frame, explained, s.assessment(), used, reason, chosen));
    }

    /** The explanation the inference node publishes for a frame's maps, null when it publishes none. */
    private FrameExplanation explanation(
            Ready frame,
            InspectedFrame explained,
            FrameAssessment assessment,
            ProfileStore.Active profile,
            Optional<ExplainSelection.Reason> reason,
            int[] chosen) {
        if (explained == null || published(reason).isEmpty()) {
            return null;
        }
        return records.explanation(
                frame.frame(), frame.input.original(), explained, assessment, profile, reason.get(), chosen);
    }

    /**
     * A selected frame's maps, with the targets the inference node chooses and its profile's W (null:
     * none, as for a frame without a profile); null when the model
     * fails on them (the recorded run dead-lettered the frame, which the audit then reports).
     */
    private InspectedFrame secondStage(InspectedFrame scanned, int[] chosen, TokenTransform transform) {
        BatchInference.Outcome o = BatchInference.explain(
                        inspection, List.of(new BatchInference.Request(scanned, chosen, transform)))
                .get(0);
        return o instanceof BatchInference.Outcome.Inspected i ? i.frame() : null;
    }

    private Optional<ExplainSelection.Reason> published(Optional<ExplainSelection.Reason> reason) {
        return selection.publishes() ? reason : Optional.empty();
    }

    /** The verdict of a frame that was not scored (UNCALIBRATED or CALIBRATING): no score, no regions. */
    public Outputs unscored(Ready frame, InspectedFrame inspected, VerdictStatus status, long now) {
        if (status == VerdictStatus.OK || status == VerdictStatus.DEFECT) {
            throw new IllegalArgumentException(status + " verdicts are scored against a profile");
        }
        Optional<ExplainSelection.Reason> reason =
                selection.reason(status, null, frame.input.original().offset());
        int[] chosen = twoStage && reason.isPresent() ? targets.targets(inspected, null) : null;
        // no profile in use: the plain maps
        InspectedFrame explained =
                !twoStage ? inspected : reason.isPresent() ? secondStage(inspected, chosen, null) : null;
        FrameVerdict v = records.verdict(
                frame.frame(),
                frame.input.original(),
                status,
                null,
                explained == null ? 0 : explained.conceptCount(),
                null,
                now);
        return new Outputs(
                v, List.of(), null, published(reason), explanation(frame, explained, null, null, reason, chosen));
    }

    /**
     * The profile a calibration builds from its frames (in collection order), by the calibration
     * code of the inference node, with the token transform W it learned when the recorded run's
     * calibration settings say so.
     *
     * @param frames      each calibration frame's tokens and model input ({@link CalibrationFrame#of})
     * @param version     the profile version
     * @param created     the creation time the recorded snapshot carries
     * @param previous    the concept prototypes of the profile the calibration replaced, whose ids it
     *     keeps; null for none (a first calibration, or one after a RESET)
     */
    public ReferenceProfile calibrate(
            List<CalibrationFrame> frames, long version, java.time.Instant created, ConceptPrototypes previous) {
        return CalibrationControl.build(inspection, frames, version, created, conceptTransform, previous, zoom);
    }

    /**
     * The tokens and model input of a frame an operator taught as normal (ADD_NORMAL), from the same
     * one-frame model call the inference node makes, so {@code ProfileRevisions.withNormalFrame}
     * rebuilds the recorded profile version; null when the model fails on the frame.
     */
    public CalibrationFrame normalExample(Ready frame) {
        return NormalFrames.tokens(inspection, frame.modelImage());
    }

    /**
     * The tile tokens a profile's zoom channel learns a normal frame by, cut as the inference node
     * cuts them; null for a profile without one.
     */
    public float[] tileTokens(ReferenceProfile profile, byte[] modelInput) {
        return inspection.tileTokens(profile, modelInput);
    }

    /**
     * What the pipeline would publish for one frame.
     *
     * @param verdict    the line.verdicts record
     * @param defects    the line.defects records
     * @param assessment scores and regions, null when the frame was not scored
     * @param explained  why the frame has an explanation on line.explanations, empty when it has none
     * @param explanation the line.explanations record, null when it has none
     */
    public record Outputs(
            FrameVerdict verdict,
            List<DefectRegion> defects,
            FrameAssessment assessment,
            Optional<ExplainSelection.Reason> explained,
            FrameExplanation explanation) {
        public Outputs {
            defects = List.copyOf(defects);
            java.util.Objects.requireNonNull(explained, "explained");
        }
    }
}
