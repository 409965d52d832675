package io.ultraline.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.RejectReason;
import io.ultraline.avro.RejectedFrame;
import io.ultraline.model.ModelUnavailableException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The batch buffer: flush by size, flush by wall-clock wait, and isolation of a frame that breaks the model. */
class BatchingTest {

    @Test
    void aFullBufferGoesToTheModelAsOneBatch() {
        RecordingModelStep model = new RecordingModelStep();
        try (PipelineHarness h = new PipelineHarness(
                PipelineConfig.defaults().withBatch(BatchConfig.of(3, Duration.ofMinutes(1))), model)) {
            h.pipe(TestCameraFrames.frame("cam-1", "f-1", TestCameraFrames.good(1)));
            h.pipe(TestCameraFrames.frame("cam-2", "f-2", TestCameraFrames.good(2)));
            assertThat(h.verdicts.isEmpty()).isTrue();
            assertThat(model.batchSizes()).isEmpty();

            h.pipe(TestCameraFrames.frame("cam-1", "f-3", TestCameraFrames.good(3)));
            assertThat(h.verdicts()).extracting(FrameVerdict::getFrameId).containsExactly("f-1", "f-2", "f-3");
            assertThat(model.batchSizes()).containsExactly(3);
        }
    }

    @Test
    void theOldestFrameWaitsAtMostMaxWaitOfWallClockTime() {
        RecordingModelStep model = new RecordingModelStep();
        BatchConfig batch = new BatchConfig(8, Duration.ofMillis(500), Duration.ofMillis(100));
        try (PipelineHarness h = new PipelineHarness(PipelineConfig.defaults().withBatch(batch), model)) {
            h.pipe(TestCameraFrames.frame("cam-1", "f-1", TestCameraFrames.good(1)));
            h.advance(Duration.ofMillis(200));
            h.pipe(TestCameraFrames.frame("cam-1", "f-2", TestCameraFrames.good(2)));
            h.advance(Duration.ofMillis(200));
            assertThat(h.verdicts.isEmpty()).isTrue();

            h.advance(Duration.ofMillis(100));
            assertThat(h.verdicts()).extracting(FrameVerdict::getFrameId).containsExactly("f-1", "f-2");
            assertThat(model.batchSizes()).containsExactly(2);

            h.advance(Duration.ofSeconds(5));
            assertThat(model.batchSizes()).as("an empty buffer calls nobody").containsExactly(2);
        }
    }

    @Test
    void aFrameThatBreaksTheModelIsIsolatedByHalvingAndDeadLettered() {
        RecordingModelStep model = new RecordingModelStep();
        try (PipelineHarness h = new PipelineHarness(
                PipelineConfig.defaults().withBatch(BatchConfig.of(4, Duration.ofMinutes(1))), model)) {
            h.pipe(TestCameraFrames.frame("cam-1", "f-1", TestCameraFrames.good(1)));
            h.pipe(TestCameraFrames.frame("cam-1", "f-2", TestCameraFrames.good(2)));
            h.pipe(TestCameraFrames.frame("cam-1", "broken", RecordingModelStep.marked()));
            h.pipe(TestCameraFrames.frame("cam-1", "f-4", TestCameraFrames.good(4)));

            List<FrameVerdict> verdicts = h.verdicts();
            assertThat(verdicts).extracting(FrameVerdict::getFrameId).containsExactly("f-1", "f-2", "f-4");
            RejectedFrame dead = h.deadLetters.readValue();
            assertThat(dead.getReason()).isEqualTo(RejectReason.MODEL_FAILED);
            assertThat(dead.getFrameId()).isEqualTo("broken");
            assertThat(dead.getMessage()).contains("simulated model failure");
            assertThat(dead.getSource().getOffset()).isEqualTo(2);
            assertThat(dead.getOriginalValue()).isNotNull();
            assertThat(dead.getModel().getName()).isEqualTo("tiny-test");
            assertThat(h.deadLetters.isEmpty()).isTrue();
            // 4 fails; 2 (f-1, f-2) passes; 2 (broken, f-4) fails; 1 (broken) fails; 1 (a grey frame, to
            // check that the model itself still runs) passes; 1 (f-4) passes
            assertThat(model.batchSizes()).containsExactly(4, 2, 2, 1, 1, 1);
        }
    }

    @Test
    void aModelThatFailsOnEveryFrameFailsTheTaskInsteadOfDeadLetteringTheBatch() {
        RecordingModelStep model = new RecordingModelStep();
        try (PipelineHarness h = new PipelineHarness(
                PipelineConfig.defaults().withBatch(BatchConfig.of(2, Duration.ofMinutes(1))), model)) {
            h.pipe(TestCameraFrames.frame("cam-1", "f-1", TestCameraFrames.good(1)));
            model.failEveryCall(new IllegalStateException("simulated device lost"));

            assertThatThrownBy(() -> h.pipe(TestCameraFrames.frame("cam-1", "f-2", TestCameraFrames.good(2))))
                    .hasRootCauseMessage("simulated device lost")
                    .satisfies(e -> assertThat(causes(e)).anyMatch(c -> c instanceof ModelUnavailableException));
            assertThat(h.deadLetters.isEmpty())
                    .as("no frame is blamed for the model's failure")
                    .isTrue();
            assertThat(h.verdicts.isEmpty()).isTrue();
            assertThat(h.observer.modelFailures).hasSize(1);
            // 2 fails; each half fails; its grey check fails too: the model is down, nothing more is tried
            assertThat(model.batchSizes()).containsExactly(2, 1, 1);
        }
    }

    @Test
    void aModelUnavailableFailureIsNotSplitAcrossTheBatch() {
        RecordingModelStep model = new RecordingModelStep();
        try (PipelineHarness h = new PipelineHarness(
                PipelineConfig.defaults().withBatch(BatchConfig.of(4, Duration.ofMinutes(1))), model)) {
            for (int i = 1; i <= 3; i++) {
                h.pipe(TestCameraFrames.frame("cam-1", "f-" + i, TestCameraFrames.good(i)));
            }
            model.failEveryCall(new ModelUnavailableException("the model runner is closed"));

            assertThatThrownBy(() -> h.pipe(TestCameraFrames.frame("cam-1", "f-4", TestCameraFrames.good(4))))
                    .satisfies(e -> assertThat(causes(e)).anyMatch(c -> c instanceof ModelUnavailableException));
            assertThat(model.batchSizes()).containsExactly(4);
            assertThat(h.deadLetters.isEmpty()).isTrue();
        }
    }

    @Test
    void theModelBeingBackIsReported() {
        RecordingModelStep model = new RecordingModelStep();
        try (PipelineHarness h = new PipelineHarness(
                PipelineConfig.defaults().withBatch(BatchConfig.of(1, Duration.ofMinutes(1))), model)) {
            h.pipe(TestCameraFrames.frame("cam-1", "f-1", TestCameraFrames.good(1)));
            assertThat(h.observer.modelBatches.get()).isEqualTo(1);
            assertThat(h.observer.modelFailures).isEmpty();
        }
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> out = new java.util.ArrayList<>();
        for (Throwable t = e; t != null && !out.contains(t); t = t.getCause()) {
            out.add(t);
        }
        return out;
    }
}
