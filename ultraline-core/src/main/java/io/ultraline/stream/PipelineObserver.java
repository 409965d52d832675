package io.ultraline.stream;

import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.DefectRegion;
import io.ultraline.avro.FrameExplanation;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.LineAlert;
import io.ultraline.avro.RejectedFrame;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * Sees the topology's records as they are processed, for metrics and a live view (the service's
 * dashboard). Calls come from stream threads before the transaction that holds the records commits:
 * after a crash a batch that is processed again is seen again, so counts are "processed", not
 * "committed"; read the output topics read_committed where exactness matters.
 * Implementations must be thread-safe, fast and must not throw.
 */
public interface PipelineObserver {

    /** Streams configuration key of the observer instance the dead-letter handlers report to. */
    String CONFIG = "ultraline.pipeline.observer";

    /** Observes nothing. */
    PipelineObserver NONE = new PipelineObserver() {};

    /** A frame passed validation (its image bytes are the record's). */
    default void frameAccepted(CameraFrame frame) {}

    default void verdict(FrameVerdict verdict) {}

    default void defect(DefectRegion region) {}

    default void explanation(FrameExplanation explanation) {}

    /** A dead letter from the topology or from an exception handler. */
    default void deadLetter(RejectedFrame rejected) {}

    default void alert(LineAlert alert) {}

    /**
     * The model failed in a way that belongs to no frame (closed, out of memory, failing on a neutral
     * frame): the batch's task fails without committing, and its frames are retried.
     */
    default void modelUnavailable(Throwable cause) {}

    /** A batch went through the model (after {@link #modelUnavailable}, the model is back). */
    default void modelAvailable() {}

    /** All of {@code observers}, in order; one that throws is logged and skipped. */
    static PipelineObserver all(List<PipelineObserver> observers) {
        return new ObserverFanOut(observers);
    }

    /** The observer under {@value #CONFIG} in a streams configuration, or {@link #NONE}. */
    static PipelineObserver fromConfigs(Map<String, ?> configs) {
        Object given = configs.get(CONFIG);
        if (given == null) {
            return NONE;
        }
        if (given instanceof PipelineObserver observer) {
            return observer;
        }
        throw new ConfigException(CONFIG, given.getClass().getName(), "must be a PipelineObserver instance");
    }
}
