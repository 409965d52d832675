package io.ultraline.audit;

/** The replay's model is not the one that produced the recorded verdicts, and no override was given. */
public final class ModelMismatchException extends RuntimeException {

    public ModelMismatchException(String message) {
        super(message);
    }
}
