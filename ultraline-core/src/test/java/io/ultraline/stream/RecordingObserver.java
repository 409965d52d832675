package io.ultraline.stream;

import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.DefectRegion;
import io.ultraline.avro.FrameExplanation;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.LineAlert;
import io.ultraline.avro.RejectedFrame;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link PipelineObserver} that keeps what it saw, for tests. */
final class RecordingObserver implements PipelineObserver {

    final List<CameraFrame> frames = new CopyOnWriteArrayList<>();
    final List<FrameVerdict> verdicts = new CopyOnWriteArrayList<>();
    final List<DefectRegion> defects = new CopyOnWriteArrayList<>();
    final List<FrameExplanation> explanations = new CopyOnWriteArrayList<>();
    final List<RejectedFrame> deadLetters = new CopyOnWriteArrayList<>();
    final List<LineAlert> alerts = new CopyOnWriteArrayList<>();
    final List<Throwable> modelFailures = new CopyOnWriteArrayList<>();
    final java.util.concurrent.atomic.AtomicInteger modelBatches = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public void modelUnavailable(Throwable cause) {
        modelFailures.add(cause);
    }

    @Override
    public void modelAvailable() {
        modelBatches.incrementAndGet();
    }

    @Override
    public void frameAccepted(CameraFrame frame) {
        frames.add(frame);
    }

    @Override
    public void verdict(FrameVerdict verdict) {
        verdicts.add(verdict);
    }

    @Override
    public void defect(DefectRegion region) {
        defects.add(region);
    }

    @Override
    public void explanation(FrameExplanation explanation) {
        explanations.add(explanation);
    }

    @Override
    public void deadLetter(RejectedFrame rejected) {
        deadLetters.add(rejected);
    }

    @Override
    public void alert(LineAlert alert) {
        alerts.add(alert);
    }
}
