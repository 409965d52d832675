package io.ultraline.stream;

import io.ultraline.avro.RejectReason;
import java.util.Objects;

/**
 * A frame that cannot be inspected, with the typed reason its dead letter is filed under. A checked
 * exception: every caller of {@link FrameDecoding} decides what a rejection becomes.
 */
public final class FrameRejection extends Exception {

    private static final long serialVersionUID = 1L;

    private final RejectReason reason;

    public FrameRejection(RejectReason reason, String message) {
        this(reason, message, null);
    }

    public FrameRejection(RejectReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The dead-letter reason code. */
    public RejectReason reason() {
        return reason;
    }
}
