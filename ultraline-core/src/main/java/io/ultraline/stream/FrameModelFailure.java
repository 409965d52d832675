package io.ultraline.stream;

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
}
