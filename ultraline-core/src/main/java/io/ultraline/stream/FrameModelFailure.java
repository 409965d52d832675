package io.ultraline.stream;

import io.ultraline.inspect.InspectedFrame;

/**
 * The model failed on one frame's second call (its maps, or the shifted views it needs to be
 * scored): the frame's own failure, which the inference node dead-letters as MODEL_FAILED, as it
 * does for a frame that fails in the scan.
 */
final class FrameModelFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient BatchInference.Outcome.Failed failure;

    FrameModelFailure(BatchInference.Outcome.Failed failure) {
        super(failure.message(), null, false, false);
        this.failure = failure;
    }

    BatchInference.Outcome.Failed failure() {
        return failure;
    }

    /** The frame of a second call's outcome; throws this exception when the model failed on it. */
    static InspectedFrame frameOf(BatchInference.Outcome outcome) {
        if (outcome instanceof BatchInference.Outcome.Failed failed) {
            throw new FrameModelFailure(failed);
        }
        return ((BatchInference.Outcome.Inspected) outcome).frame();
    }
}
