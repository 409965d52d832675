package io.ultraline.stream;

import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.DefectRegion;
import io.ultraline.avro.FrameExplanation;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.LineAlert;
import io.ultraline.avro.RejectedFrame;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several observers as one. An observer that throws is logged and skipped: watching the stream must
 * never fail it.
 */
final class ObserverFanOut implements PipelineObserver {

    private static final Logger LOG = LoggerFactory.getLogger(ObserverFanOut.class);

    private final List<PipelineObserver> observers;

    ObserverFanOut(List<PipelineObserver> observers) {
        this.observers = List.copyOf(observers);
    }

    private void each(Consumer<PipelineObserver> call) {
        for (PipelineObserver o : observers) {
            try {
                call.accept(o);
            } catch (RuntimeException e) {
                LOG.warn(
                        "Pipeline observer {} failed; the record is processed anyway",
                        o.getClass().getName(),
                        e);
            }
        }
    }

    @Override
    public void frameAccepted(CameraFrame frame) {
        each(o -> o.frameAccepted(frame));
    }

    @Override
    public void verdict(FrameVerdict verdict) {
        each(o -> o.verdict(verdict));
    }

    @Override
    public void defect(DefectRegion region) {
        each(o -> o.defect(region));
    }

    @Override
    public void explanation(FrameExplanation explanation) {
        each(o -> o.explanation(explanation));
    }

    @Override
    public void deadLetter(RejectedFrame rejected) {
        each(o -> o.deadLetter(rejected));
    }

    @Override
    public void alert(LineAlert alert) {
        each(o -> o.alert(alert));
    }

    @Override
    public void modelUnavailable(Throwable cause) {
        each(o -> o.modelUnavailable(cause));
    }

    @Override
    public void modelAvailable() {
        each(PipelineObserver::modelAvailable);
    }
}
