package io.ultraline.model;

/**
 * The model cannot run at all, whatever the input: its runner is closed, the calling thread was
 * interrupted, or the device ran out of memory. Such a failure belongs to no frame, so callers retry
 * the work later instead of rejecting the frames they were running.
 */
public class ModelUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ModelUnavailableException(String message) {
        super(message);
    }

    public ModelUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
