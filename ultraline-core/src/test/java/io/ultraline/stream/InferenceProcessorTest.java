package io.ultraline.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultraline.avro.CalibrationAction;
import io.ultraline.avro.CalibrationCommand;
import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.VerdictStatus;
import io.ultraline.frame.Resize;
import io.ultraline.frame.RgbImage;
import io.ultraline.serde.SerdeConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The inference processor alone: punctuation by wall clock, restart with frames in the buffer, commands. */
class InferenceProcessorTest {

    private static final BatchConfig BATCH = new BatchConfig(4, Duration.ofMillis(1000), Duration.ofMillis(250));
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final PipelineTopics topics =
            PipelineTopics.avro(registry, Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mem://x"));
    private final ModelStep inspection = ModelStep.of(TestModels.inspector());
    private KeyValueStore<Long, byte[]> buffer;
    private KeyValueStore<String, byte[]> profiles;
    private KeyValueStore<String, byte[]> calibrations;
    private KeyValueStore<String, byte[]> tokens;

    @BeforeEach
    void stores() {
        buffer = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(NodeNames.BUFFER_STORE), Serdes.Long(), Serdes.ByteArray())
                .withLoggingDisabled()
                .build();
        profiles = store(NodeNames.PROFILES_STORE);
        calibrations = store(NodeNames.CALIBRATION_STORE);
        tokens = store(NodeNames.CALIBRATION_TOKENS_STORE);
    }

    @Test
    void bufferedFramesFlushOnceTheOldestHasWaitedMaxWait() {
        MockProcessorContext<String, PipelineOutput> context = context();
        InferenceProcessor processor = processor(context);
        context.setCurrentSystemTimeMs(0);
        processor.process(frameRecord(0, "f-0"));
        context.setCurrentSystemTimeMs(300);
        processor.process(frameRecord(1, "f-1"));
        assertThat(context.forwarded()).isEmpty();
        MockProcessorContext.CapturedPunctuator punctuator =
                context.scheduledPunctuators().get(0);
        assertThat(punctuator.getInterval()).isEqualTo(Duration.ofMillis(250));

        punctuator.getPunctuator().punctuate(999);
        assertThat(context.forwarded()).isEmpty();
        punctuator.getPunctuator().punctuate(1000);
        assertThat(verdictIds(context)).containsExactly("f-0", "f-1");
        assertThat(buffer.approximateNumEntries()).isZero();
    }

    @Test
    void framesBufferedBeforeARestartAreRebuiltFromTheirOriginalBytes() {
        MockProcessorContext<String, PipelineOutput> before = context();
        InferenceProcessor first = processor(before);
        before.setCurrentSystemTimeMs(0);
        first.process(frameRecord(7, "f-7"));
        first.process(frameRecord(8, "f-8"));
        first.close();
        assertThat(buffer.approximateNumEntries()).isEqualTo(2);

        // a new task over the restored stores: no decoded images in memory, only the stored bytes
        MockProcessorContext<String, PipelineOutput> after = context();
        InferenceProcessor second = processor(after);
        after.scheduledPunctuators().get(0).getPunctuator().punctuate(5_000);
        List<PipelineOutput.Verdict> verdicts = verdicts(after);
        assertThat(verdicts).extracting(v -> v.verdict().getFrameId()).containsExactly("f-7", "f-8");
        assertThat(verdicts)
                .extracting(v -> v.verdict().getSource().getOffset())
                .containsExactly(7L, 8L);
        assertThat(buffer.approximateNumEntries()).isZero();
        second.close();
    }

    @Test
    void aCommandFlushesTheFramesBeforeIt() {
        MockProcessorContext<String, PipelineOutput> context = context();
        InferenceProcessor processor = processor(context);
        context.setCurrentSystemTimeMs(0);
        processor.process(frameRecord(0, "before-start"));
        CalibrationCommand start = CalibrationCommand.newBuilder()
                .setCommandId("c")
                .setCameraId("cam-1")
                .setAction(CalibrationAction.START)
                .setFrameCount(2)
                .setTimestamp(Instant.EPOCH)
                .build();
        processor.process(new Record<>("cam-1", new PipelineInput.Command(original(1, new byte[0]), start), 0L));
        assertThat(verdicts(context))
                .extracting(v -> v.verdict().getStatus())
                .containsExactly(VerdictStatus.UNCALIBRATED);
        context.resetForwards();
        processor.process(frameRecord(2, "after-start"));
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(10_000);
        assertThat(verdicts(context))
                .extracting(v -> v.verdict().getStatus())
                .containsExactly(VerdictStatus.CALIBRATING);
    }

    private InferenceProcessor processor(MockProcessorContext<String, PipelineOutput> context) {
        InferenceProcessor processor = new InferenceProcessor(
                inspection,
                FrameDecoding.standard(FrameRecordLimits.defaults()),
                topics.frames().valueSerde().deserializer(),
                PipelineConfig.defaults().withBatch(BATCH),
                Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        processor.init(context);
        return processor;
    }

    private MockProcessorContext<String, PipelineOutput> context() {
        MockProcessorContext<String, PipelineOutput> context = new MockProcessorContext<>();
        for (KeyValueStore<?, ?> s : List.of(buffer, profiles, calibrations, tokens)) {
            if (!s.isOpen()) {
                s.init(context.getStateStoreContext(), s);
            }
            context.addStateStore(s);
        }
        return context;
    }

    private Record<String, PipelineInput> frameRecord(long offset, String frameId) {
        CameraFrame frame = TestCameraFrames.frame("cam-1", frameId, TestCameraFrames.good(offset));
        byte[] bytes = topics.frames().valueSerde().serializer().serialize(Topics.FRAMES, frame);
        RgbImage image = RgbImage.of(TestCameraFrames.good(offset));
        PipelineInput.Frame input = new PipelineInput.Frame(
                original(offset, bytes), frame, Resize.to(image, inspection.imageSize(), inspection.imageSize()));
        return new Record<>("cam-1", input, 1000 + offset);
    }

    private static OriginalRecord original(long offset, byte[] value) {
        return new OriginalRecord(Topics.FRAMES, 0, offset, 1000 + offset, "cam-1".getBytes(), value, List.of());
    }

    private static List<PipelineOutput.Verdict> verdicts(MockProcessorContext<String, PipelineOutput> context) {
        return context.forwarded().stream()
                .map(f -> f.record().value())
                .filter(PipelineOutput.Verdict.class::isInstance)
                .map(PipelineOutput.Verdict.class::cast)
                .toList();
    }

    private static List<String> verdictIds(MockProcessorContext<String, PipelineOutput> context) {
        return verdicts(context).stream().map(v -> v.verdict().getFrameId()).toList();
    }

    private static KeyValueStore<String, byte[]> store(String name) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), Serdes.ByteArray())
                .withLoggingDisabled()
                .build();
    }
}
