package io.ultraline.stream;

import io.ultraline.avro.CalibrationAction;
import io.ultraline.avro.CalibrationCommand;
import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.RejectReason;
import io.ultraline.avro.RejectedFrame;
import io.ultraline.avro.VerdictStatus;
import io.ultraline.defect.FrameAssessment;
import io.ultraline.frame.RgbImage;
import io.ultraline.inspect.InspectedFrame;
import io.ultraline.model.ModelUnavailableException;
import io.ultraline.ultra.transform.TokenTransform;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The heart of the pipeline, one instance per task: buffers validated frames, sends them to the model
 * as one batch when the buffer is full or its oldest frame has waited long enough, and turns each
 * result into a verdict (plus defect regions and an explanation), a calibration step, or a dead
 * letter. Calibration commands arrive through the same node, so they apply exactly between the
 * frames before and after them: a command first flushes the buffer.
 *
 * <p>Exactly once: a flush reads the buffered frames, forwards all their outputs and deletes them
 * from the buffer store in one {@code process} or punctuation call, so under exactly_once_v2 the
 * outputs, the store's changelog writes and the input offsets commit in one transaction. A crash
 * before the commit aborts it: the frames are back in the restored buffer and no read_committed
 * consumer saw their outputs.
 */
final class InferenceProcessor implements Processor<String, PipelineInput, String, PipelineOutput> {

    private static final Logger LOG = LoggerFactory.getLogger(InferenceProcessor.class);

    private final ModelStep inspection;
    private final FrameDecoding decoding;
    private final Deserializer<CameraFrame> frameDeserializer;
    private final PipelineConfig config;
    private final Clock clock;
    private final OutputRecords records;
    private final OutputSizeGuard sizes;
    private final PipelineObserver observer;
    private final OnDemandExplainer onDemand;

    private ProcessorContext<String, PipelineOutput> context;
    private BatchBuffer buffer;
    private ProfileStore profiles;
    private CalibrationControl calibration;
    private ProfileBuilds builds;

    InferenceProcessor(
            ModelStep inspection,
            FrameDecoding decoding,
            Deserializer<CameraFrame> frameDeserializer,
            PipelineConfig config,
            Clock clock) {
        this(inspection, decoding, frameDeserializer, config, clock, PipelineObserver.NONE);
    }

    InferenceProcessor(
            ModelStep inspection,
            FrameDecoding decoding,
            Deserializer<CameraFrame> frameDeserializer,
            PipelineConfig config,
            Clock clock,
            PipelineObserver observer) {
        this.sizes = new OutputSizeGuard(config.outputs().maxRecordBytes());
        this.observer = observer;
        this.inspection = inspection;
        this.decoding = decoding;
        this.frameDeserializer = frameDeserializer;
        this.config = config;
        this.clock = clock;
        this.records = new OutputRecords(
                inspection.model(), config.pipelineVersion(), config.outputs().maxDeadLetterBytes());
        this.onDemand = new OnDemandExplainer(inspection, records, config.explain());
    }

    /** A supplier sharing one inspection (one model) between all the processors it creates. */
    static ProcessorSupplier<String, PipelineInput, String, PipelineOutput> supplier(
            ModelStep inspection,
            FrameDecoding decoding,
            Deserializer<CameraFrame> frameDeserializer,
            PipelineConfig config,
            Clock clock,
            PipelineObserver observer) {
        return () -> new InferenceProcessor(inspection, decoding, frameDeserializer, config, clock, observer);
    }

    @Override
    public void init(ProcessorContext<String, PipelineOutput> context) {
        this.context = context;
        KeyValueStore<Long, byte[]> bufferStore = context.getStateStore(NodeNames.BUFFER_STORE);
        buffer = new BatchBuffer(bufferStore);
        profiles = new ProfileStore(
                context.getStateStore(NodeNames.PROFILES_STORE),
                inspection.model().digest());
        builds = new ProfileBuilds();
        calibration = new CalibrationControl(
                new CalibrationStore(
                        context.getStateStore(NodeNames.CALIBRATION_STORE),
                        context.getStateStore(NodeNames.CALIBRATION_TOKENS_STORE)),
                profiles,
                inspection,
                records,
                clock,
                builds,
                config.calibration().maxInlineBuild(),
                config.calibration().conceptTransform(),
                config.calibration().zoom());
        calibration.resumeBuilds();
        context.schedule(config.batch().checkInterval(), PunctuationType.WALL_CLOCK_TIME, this::punctuate);
        if (buffer.size() > 0) {
            LOG.info("Task {} resumes with {} buffered frames", context.taskId(), buffer.size());
        }
    }

    @Override
    public void process(Record<String, PipelineInput> record) {
        PipelineInput input = record.value();
        if (input instanceof PipelineInput.Frame frame) {
            buffer.add(frame, context.currentSystemTimeMs());
            if (buffer.size() >= config.batch().size()) {
                flush();
            }
        } else if (input instanceof PipelineInput.Command command) {
            flush();
            if (command.command().getAction() == CalibrationAction.EXPLAIN) {
                explainOnDemand(command, record.timestamp());
                return;
            }
            calibration
                    .apply(command.command(), command.normalFrame(), record.timestamp())
                    .forEach(context::forward);
        } else if (input instanceof PipelineInput.Rejected rejected) {
            try (FrameLogContext logged = FrameLogContext.open(
                    context.taskId(), rejected.cameraId(), rejected.frameId(), rejected.original())) {
                deadLetter(
                        rejected.original(),
                        rejected.reason(),
                        rejected.message(),
                        rejected.cameraId(),
                        rejected.frameId(),
                        null);
            }
        } else {
            throw new IllegalStateException("unexpected input " + input);
        }
    }

    @Override
    public void close() {
        if (builds != null) {
            builds.close();
        }
    }

    /**
     * An EXPLAIN command: the explanation of its frame on line.explanations, in this command's
     * transaction, or a dead letter of the command when the model fails on the frame or the record
     * would be too large.
     */
    private void explainOnDemand(PipelineInput.Command command, long timestamp) {
        CalibrationCommand c = command.command();
        Optional<ProfileStore.Active> profile =
                calibration.running(c.getCameraId(), c.getProductId()).isPresent()
                        ? Optional.empty()
                        : profiles.find(c.getCameraId(), c.getProductId());
        OnDemandExplainer.Result result = onDemand.explain(c, command.normalFrame(), profile);
        if (result instanceof OnDemandExplainer.Result.Failed failed) {
            deadLetter(
                    command.original(),
                    RejectReason.MODEL_FAILED,
                    "EXPLAIN " + c.getCommandId() + ": " + failed.message(),
                    c.getCameraId(),
                    c.getFrameId(),
                    null);
            return;
        }
        Record<String, PipelineOutput> out = new Record<>(
                c.getCameraId(),
                new PipelineOutput.Explanation(((OnDemandExplainer.Result.Explained) result).explanation()),
                timestamp,
                TraceContext.of(command.original()));
        Optional<String> tooLarge = sizes.tooLarge(List.of(out));
        if (tooLarge.isPresent()) {
            deadLetter(
                    command.original(),
                    RejectReason.OUTPUT_TOO_LARGE,
                    "EXPLAIN " + c.getCommandId() + ": " + tooLarge.get(),
                    c.getCameraId(),
                    c.getFrameId(),
                    null);
            return;
        }
        context.forward(out);
    }

    private void punctuate(long now) {
        flushIfWaitedEnough(now);
        // profiles built in the background are stored in this punctuation's transaction
        calibration.finishedBuilds().forEach(context::forward);
    }

    private void flushIfWaitedEnough(long now) {
        OptionalLong oldest = buffer.oldestArrival();
        if (oldest.isPresent()
                && now - oldest.getAsLong() >= config.batch().maxWait().toMillis()) {
            flush();
        }
    }

    /** Inspects every buffered frame as one batch, forwards the outputs and empties the buffer. */
    private void flush() {
        List<BatchBuffer.Entry> entries = buffer.entries();
        if (entries.isEmpty()) {
            return;
        }
        List<PipelineInput.Frame> frames = new ArrayList<>(entries.size());
        for (BatchBuffer.Entry entry : entries) {
            if (entry.frame() != null) {
                frames.add(entry.frame());
                continue;
            }
            try (FrameLogContext logged = FrameLogContext.open(context.taskId(), null, null, entry.original())) {
                PipelineInput.Frame frame = rebuild(entry.original());
                if (frame != null) {
                    frames.add(frame);
                }
            }
        }
        List<RgbImage> images =
                frames.stream().map(PipelineInput.Frame::modelImage).toList();
        boolean twoStage = config.explanations().twoStage();
        List<BatchInference.Outcome> outcomes;
        ExplainStage maps = twoStage ? new ExplainStage(inspection, config.explain()) : null;
        List<TokenTransform> transforms = twoStage ? null : transforms(frames);
        try {
            outcomes = twoStage
                    ? BatchInference.scanPlainView(inspection, images)
                    : BatchInference.run(inspection, images, transforms);
            if (twoStage) {
                predict(frames, outcomes, maps);
                maps.prefetch();
            }
        } catch (ModelUnavailableException e) {
            // not the frames' fault: fail the task uncommitted, so that they are inspected again later
            LOG.error(
                    "Task {}: the model cannot run ({}); failing the task so that its {} buffered frames are "
                            + "retried",
                    context.taskId(),
                    e.getMessage(),
                    entries.size());
            observer.modelUnavailable(e);
            throw e;
        }
        if (!images.isEmpty()) {
            observer.modelAvailable();
        }
        BatchTag tag =
                frames.isEmpty() ? null : new BatchTag(frames.get(0).original().offset(), frames.size());
        for (int i = 0; i < frames.size(); i++) {
            PipelineInput.Frame frame = frames.get(i);
            try (FrameLogContext logged = FrameLogContext.open(
                    context.taskId(), frame.frame().getCameraId(), frame.frame().getFrameId(), frame.original())) {
                emit(frame, outcomes.get(i), tag, i, maps, transforms == null ? null : transforms.get(i));
            }
        }
        buffer.remove(entries);
    }

    /**
     * Mode all: each frame's token transform W as the flush starts, that of the profile it will be
     * scored against (null while its camera is uncalibrated or calibrating, or when the profile has
     * none), so that the one model call per W gives every frame its maps.
     */
    private List<TokenTransform> transforms(List<PipelineInput.Frame> frames) {
        List<TokenTransform> out = new ArrayList<>(frames.size());
        for (PipelineInput.Frame frame : frames) {
            CameraFrame f = frame.frame();
            out.add(
                    calibration.running(f.getCameraId(), f.getProductId()).isPresent()
                            ? null
                            : profiles.find(f.getCameraId(), f.getProductId())
                                    .map(a -> a.profile().transform())
                                    .orElse(null));
        }
        return out;
    }

    /**
     * Which scanned frames will need maps, judged from the calibrations and profiles as the flush
     * starts, so that their maps come from one model call.
     */
    private void predict(List<PipelineInput.Frame> frames, List<BatchInference.Outcome> scanned, ExplainStage maps) {
        // stores are read here, on the stream thread, once per frame; only the scoring runs in parallel
        VerdictStatus[] unscored = new VerdictStatus[frames.size()];
        ProfileStore.Active[] active = new ProfileStore.Active[frames.size()];
        List<ExplainStage.ScoreRequest> toScore = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            if (!(scanned.get(i) instanceof BatchInference.Outcome.Inspected inspected)) {
                continue;
            }
            CameraFrame f = frames.get(i).frame();
            if (calibration.running(f.getCameraId(), f.getProductId()).isPresent()) {
                unscored[i] = VerdictStatus.CALIBRATING;
                continue;
            }
            Optional<ProfileStore.Active> profile = profiles.find(f.getCameraId(), f.getProductId());
            if (profile.isEmpty()) {
                unscored[i] = VerdictStatus.UNCALIBRATED;
                continue;
            }
            active[i] = profile.get();
            toScore.add(new ExplainStage.ScoreRequest(
                    i, inspected.frame(), active[i].profile(), active[i].version(), f.getWidth(), f.getHeight()));
        }
        maps.scoreAll(toScore);
        addShiftedViews(frames, scanned, unscored, active, maps);
        for (int i = 0; i < frames.size(); i++) {
            if (!(scanned.get(i) instanceof BatchInference.Outcome.Inspected inspected)) {
                continue;
            }
            CameraFrame f = frames.get(i).frame();
            long offset = frames.get(i).original().offset();
            if (unscored[i] != null) {
                maps.predict(i, inspected.frame(), unscored[i], null, offset, null);
                continue;
            }
            FrameAssessment a = maps.score(
                    i, inspected.frame(), active[i].profile(), active[i].version(), f.getWidth(), f.getHeight());
            maps.predict(
                    i,
                    inspected.frame(),
                    a.isDefective() ? VerdictStatus.DEFECT : VerdictStatus.OK,
                    a,
                    offset,
                    active[i].profile().transform());
        }
    }

    /**
     * Stage 1 scanned the plain view alone: the frames a calibration collects, and those whose plain
     * score came near the threshold, get their shifted views in one model call, and the latter are
     * scored again on them. A frame the model fails on here is dead-lettered like one it failed on
     * in the scan.
     */
    private void addShiftedViews(
            List<PipelineInput.Frame> frames,
            List<BatchInference.Outcome> scanned,
            VerdictStatus[] unscored,
            ProfileStore.Active[] active,
            ExplainStage maps) {
        List<Integer> lacking = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            if (!(scanned.get(i) instanceof BatchInference.Outcome.Inspected inspected)) {
                continue;
            }
            CameraFrame f = frames.get(i).frame();
            FrameAssessment plainView = active[i] == null
                    ? null
                    : maps.score(
                            i,
                            inspected.frame(),
                            active[i].profile(),
                            active[i].version(),
                            f.getWidth(),
                            f.getHeight());
            boolean needs = unscored[i] == VerdictStatus.CALIBRATING
                    ? inspection.needsShiftedViews(inspected.frame(), null)
                    : plainView != null && inspection.needsShiftedViews(inspected.frame(), plainView);
            if (needs) {
                lacking.add(i);
            }
        }
        if (lacking.isEmpty()) {
            return;
        }
        List<BatchInference.Outcome> withViews = BatchInference.withShiftedViews(
                inspection,
                lacking.stream()
                        .map(i -> ((BatchInference.Outcome.Inspected) scanned.get(i)).frame())
                        .toList());
        List<ExplainStage.ScoreRequest> again = new ArrayList<>();
        for (int k = 0; k < lacking.size(); k++) {
            int i = lacking.get(k);
            scanned.set(i, withViews.get(k));
            if (active[i] != null && withViews.get(k) instanceof BatchInference.Outcome.Inspected inspected) {
                CameraFrame f = frames.get(i).frame();
                again.add(new ExplainStage.ScoreRequest(
                        i, inspected.frame(), active[i].profile(), active[i].version(), f.getWidth(), f.getHeight()));
            }
        }
        maps.scoreAll(again);
    }

    /**
     * A buffered frame from its original bytes (after a restart), checked again by the validation
     * node's rules (this version's, which may be stricter than those it was buffered under); null when
     * it is dead-lettered instead. Nothing about a restored frame may fail the task, or it would fail
     * again after every restart.
     */
    private PipelineInput.Frame rebuild(OriginalRecord original) {
        CameraFrame frame;
        try {
            frame = frameDeserializer.deserialize(original.topic(), original.value());
        } catch (RuntimeException e) {
            if (DeadLetters.isRegistryOutage(e)) {
                throw e;
            }
            deadLetter(original, DeadLetters.deserializationReason(e), e.getMessage(), null, null, null);
            return null;
        }
        PipelineInput input;
        try {
            input = FrameValidationProcessor.validate(
                    decoding, inspection.imageSize(), original, frame, DeadLetters.utf8OrNull(original.key()));
        } catch (RuntimeException e) {
            // in the validation node the processing handler dead-letters this; here it would fail the task
            LOG.error("Validation of restored frame {} failed", original, e);
            deadLetter(
                    original,
                    RejectReason.PROCESSING_FAILED,
                    NodeNames.FRAMES_VALIDATE + " failed: " + e,
                    null,
                    null,
                    null);
            return null;
        }
        if (input instanceof PipelineInput.Rejected r) {
            deadLetter(original, r.reason(), r.message(), r.cameraId(), r.frameId(), null);
            return null;
        }
        return (PipelineInput.Frame) input;
    }

    private void emit(
            PipelineInput.Frame frame,
            BatchInference.Outcome outcome,
            BatchTag batch,
            int index,
            ExplainStage maps,
            TokenTransform transform) {
        CameraFrame f = frame.frame();
        if (outcome instanceof BatchInference.Outcome.Failed failed) {
            modelFailed(frame, failed);
            return;
        }
        InspectedFrame inspected = ((BatchInference.Outcome.Inspected) outcome).frame();
        List<Record<String, PipelineOutput>> outputs;
        try {
            outputs = maps == null
                    ? outputs(frame, inspected, transform)
                    : new TwoStageOutputs(frame, inspected, index, maps).outputs();
        } catch (FrameModelFailure e) {
            modelFailed(frame, e.failure());
            return;
        } catch (OutputTooLarge e) {
            deadLetter(
                    frame.original(),
                    RejectReason.OUTPUT_TOO_LARGE,
                    "the frame's outputs cannot be written: " + e.getMessage(),
                    f.getCameraId(),
                    f.getFrameId(),
                    null);
            return;
        } catch (RuntimeException e) {
            if (e instanceof ModelUnavailableException) {
                throw e;
            }
            LOG.error(
                    "Cannot build the outputs of frame {} of camera {} ({})",
                    f.getFrameId(),
                    f.getCameraId(),
                    frame.original(),
                    e);
            deadLetter(
                    frame.original(),
                    RejectReason.PROCESSING_FAILED,
                    "outputs failed: " + e,
                    f.getCameraId(),
                    f.getFrameId(),
                    null);
            return;
        }
        // the verdict names its batch, so that an audit can replay the frame with the same companions
        outputs.forEach(r -> context.forward(r.value() instanceof PipelineOutput.Verdict ? batch.stamp(r) : r));
    }

    private void modelFailed(PipelineInput.Frame frame, BatchInference.Outcome.Failed failed) {
        CameraFrame f = frame.frame();
        deadLetter(
                frame.original(),
                RejectReason.MODEL_FAILED,
                failed.message(),
                f.getCameraId(),
                f.getFrameId(),
                profiles.find(f.getCameraId(), f.getProductId())
                        .map(ProfileStore.Active::version)
                        .orElse(null));
    }

    /**
     * Mode all: the frame came with its maps and concepts, through {@code transform}, the W its
     * camera's profile had as the flush started.
     */
    private List<Record<String, PipelineOutput>> outputs(
            PipelineInput.Frame frame, InspectedFrame inspected, TokenTransform transform) {
        CameraFrame f = frame.frame();
        OriginalRecord source = frame.original();
        long now = clock.millis();
        int concepts = inspected.conceptCount();
        List<Record<String, PipelineOutput>> out = new ArrayList<>();
        Optional<CalibrationStore.Calibration> calibrating = calibration.running(f.getCameraId(), f.getProductId());
        if (calibrating.isPresent()) {
            out.add(output(
                    f.getCameraId(),
                    new PipelineOutput.Verdict(
                            records.verdict(f, source, VerdictStatus.CALIBRATING, null, concepts, null, now)),
                    source));
            out.add(output(
                    f.getCameraId(),
                    new PipelineOutput.Explanation(records.explanation(f, source, inspected)),
                    source));
            requireWritable(out); // before the frame counts towards the calibration
            collect(calibrating.get(), inspected, source, out);
            return out;
        }
        Optional<ProfileStore.Active> profile = profiles.find(f.getCameraId(), f.getProductId());
        if (profile.isEmpty()) {
            out.add(output(
                    f.getCameraId(),
                    new PipelineOutput.Verdict(
                            records.verdict(f, source, VerdictStatus.UNCALIBRATED, null, concepts, null, now)),
                    source));
            out.add(output(
                    f.getCameraId(),
                    new PipelineOutput.Explanation(records.explanation(f, source, inspected)),
                    source));
            requireWritable(out);
            return out;
        }
        long version = profile.get().version();
        if (!TokenTransform.same(transform, profile.get().profile().transform())) {
            // an earlier frame of this batch completed the camera's calibration: its maps go through
            // the new profile's W, as the frame is scored against it (tokens stay the batch's)
            inspected = mapsThrough(inspected, profile.get().profile().transform());
        }
        ScoredFrame scored = ScoredFrame.score(
                inspection, records, f, source, inspected, profile.get().profile(), version, now);
        out.add(output(f.getCameraId(), new PipelineOutput.Verdict(scored.verdict()), source));
        scored.defects().forEach(d -> out.add(output(f.getCameraId(), new PipelineOutput.Defect(d), source)));
        out.add(output(
                f.getCameraId(),
                new PipelineOutput.Explanation(records.explanation(
                        f,
                        source,
                        inspected,
                        scored.assessment(),
                        profile.get(),
                        ExplainSelection.Reason.EVERY_FRAME,
                        null)),
                source));
        requireWritable(out);
        return out;
    }

    /** A frame's maps and concepts again, through {@code transform}; throws {@link FrameModelFailure} when the model fails. */
    private InspectedFrame mapsThrough(InspectedFrame inspected, TokenTransform transform) {
        return FrameModelFailure.frameOf(
                BatchInference.explain(inspection, List.of(new BatchInference.Request(inspected, null, transform)))
                        .get(0));
    }

    private void collect(
            CalibrationStore.Calibration calibrating,
            InspectedFrame inspected,
            OriginalRecord source,
            List<Record<String, PipelineOutput>> out) {
        if (!calibrating.complete()) {
            calibration
                    .collect(calibrating, CalibrationFrame.of(inspected), source.sourceRef(), source.timestamp())
                    .ifPresent(out::add);
        }
    }

    /**
     * Two-stage modes: one scanned frame's outputs. Its verdict comes from its tokens; its maps, when
     * the selection picks it, from the flush's second stage, through its profile's token transform W. A DEFECT frame is assessed again on its
     * maps, so its regions carry their tokens' relevance as in mode all.
     */
    private final class TwoStageOutputs {
        private final PipelineInput.Frame frame;
        private final CameraFrame f;
        private final OriginalRecord source;
        private final InspectedFrame scanned;
        private final int index;
        private final ExplainStage maps;
        private final long now = clock.millis();
        private final List<Record<String, PipelineOutput>> out = new ArrayList<>();

        TwoStageOutputs(PipelineInput.Frame frame, InspectedFrame scanned, int index, ExplainStage maps) {
            this.frame = frame;
            this.f = frame.frame();
            this.source = frame.original();
            this.scanned = scanned;
            this.index = index;
            this.maps = maps;
        }

        List<Record<String, PipelineOutput>> outputs() {
            Optional<CalibrationStore.Calibration> calibrating = calibration.running(f.getCameraId(), f.getProductId());
            if (calibrating.isPresent()) {
                unscored(VerdictStatus.CALIBRATING);
                collect(calibrating.get(), scanned, source, out);
                return out;
            }
            Optional<ProfileStore.Active> profile = profiles.find(f.getCameraId(), f.getProductId());
            if (profile.isEmpty()) {
                unscored(VerdictStatus.UNCALIBRATED);
                return out;
            }
            long version = profile.get().version();
            FrameAssessment first =
                    maps.score(index, scanned, profile.get().profile(), version, f.getWidth(), f.getHeight());
            VerdictStatus status = first.isDefective() ? VerdictStatus.DEFECT : VerdictStatus.OK;
            Optional<ExplainStage.Explained> explained = maps.explain(
                    index,
                    scanned,
                    status,
                    first,
                    source.offset(),
                    profile.get().profile().transform());
            InspectedFrame withMaps = explained.map(this::framePlusMaps).orElse(null);
            ScoredFrame scored;
            if (status == VerdictStatus.DEFECT) {
                if (withMaps == null) {
                    throw new IllegalStateException("a DEFECT frame was not selected for maps");
                }
                scored = ScoredFrame.flagged(inspection, records, f, source, first, withMaps, version, now);
            } else {
                scored = ScoredFrame.of(
                        records, f, source, first, withMaps == null ? 0 : withMaps.conceptCount(), version, now);
            }
            out.add(output(f.getCameraId(), new PipelineOutput.Verdict(scored.verdict()), source));
            scored.defects().forEach(d -> out.add(output(f.getCameraId(), new PipelineOutput.Defect(d), source)));
            explanation(explained, withMaps, scored.assessment(), profile.get());
            requireWritable(out);
            return out;
        }

        private void unscored(VerdictStatus status) {
            // no profile in use: the plain maps
            Optional<ExplainStage.Explained> explained =
                    maps.explain(index, scanned, status, null, source.offset(), null);
            InspectedFrame withMaps = explained.map(this::framePlusMaps).orElse(null);
            out.add(output(
                    f.getCameraId(),
                    new PipelineOutput.Verdict(records.verdict(
                            f, source, status, null, withMaps == null ? 0 : withMaps.conceptCount(), null, now)),
                    source));
            explanation(explained, withMaps, null, null);
            requireWritable(out); // before the frame counts towards a calibration
        }

        private void explanation(
                Optional<ExplainStage.Explained> explained,
                InspectedFrame withMaps,
                FrameAssessment a,
                ProfileStore.Active profile) {
            if (withMaps != null && maps.publishes()) {
                ExplainStage.Explained e = explained.orElseThrow();
                out.add(output(
                        f.getCameraId(),
                        new PipelineOutput.Explanation(
                                records.explanation(f, source, withMaps, a, profile, e.reason(), e.targets())),
                        source));
            }
        }

        /** The frame with its maps; throws {@link FrameModelFailure} when the model failed on them. */
        private InspectedFrame framePlusMaps(ExplainStage.Explained e) {
            return FrameModelFailure.frameOf(e.outcome());
        }
    }

    /** Throws {@link OutputTooLarge} when a record would be over the outputs' limit. */
    private void requireWritable(List<Record<String, PipelineOutput>> out) {
        sizes.tooLarge(out).ifPresent(why -> {
            throw new OutputTooLarge(why);
        });
    }

    /** A frame's outputs would pass {@link OutputLimits#maxRecordBytes}. */
    private static final class OutputTooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutputTooLarge(String message) {
            super(message, null, false, false);
        }
    }

    private void deadLetter(
            OriginalRecord original,
            RejectReason reason,
            String message,
            String cameraId,
            String frameId,
            Long profileVersion) {
        LOG.warn(
                "Dead-lettering {} (node {}, task {}, camera {}, frame {}) as {}: {}",
                original,
                NodeNames.INFERENCE,
                context.taskId(),
                cameraId,
                frameId,
                reason,
                message);
        RejectedFrame rejected =
                records.rejected(original, reason, message, cameraId, frameId, profileVersion, clock.millis());
        context.forward(new Record<>(
                cameraId,
                new PipelineOutput.DeadLetter(DeadLetters.recordKey(rejected), rejected),
                original.timestamp(),
                TraceContext.of(original)));
    }

    private static Record<String, PipelineOutput> output(String key, PipelineOutput value, OriginalRecord source) {
        // the frame's trace context continues on each of its outputs (the verdict's batch tag is added later)
        return new Record<>(key, value, source.timestamp(), TraceContext.of(source));
    }
}
