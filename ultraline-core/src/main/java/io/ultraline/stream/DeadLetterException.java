package io.ultraline.stream;

import io.ultraline.avro.RejectReason;
import java.util.Objects;

/**
 * A frame that cannot be inspected and is to become a dead letter, with the typed reason
 * ({@link RejectReason}) it is filed under. A checked exception: every caller of
 * {@link FrameDecoding} decides what a rejection becomes. The decoder's own
 * {@link io.ultraline.frame.FrameRejectedException} carries a {@link io.ultraline.frame.DecodeFailure};
 * this one carries the Avro reason that goes on the wire.
 */
public final class DeadLetterException extends Exception {

    private static final long serialVersionUID = 1L;

    private final RejectReason reason;

    public DeadLetterException(RejectReason reason, String message) {
        this(reason, message, null);
    }

    public DeadLetterException(RejectReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The dead-letter reason code. */
    public RejectReason reason() {
        return reason;
    }
}
