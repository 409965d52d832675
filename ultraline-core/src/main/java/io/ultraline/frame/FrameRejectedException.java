package io.ultraline.frame;

import java.util.Objects;

/**
 * A frame that {@link FrameDecoder} refused, with a typed {@link #reason()} for the dead-letter
 * record and a message for people.
 *
 * <p>Unchecked on purpose: the decoder runs inside a Kafka Streams processor, whose
 * {@code process} method cannot throw checked exceptions, so a checked type would only be wrapped
 * there; and it matches the serde package, whose failures are unchecked too. The contract that
 * makes it safe is the decoder's: for any input it returns an image or throws this type, nothing
 * else, so one {@code catch} at the decode step routes every bad frame to the dead-letter topic.
 */
public final class FrameRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final DecodeFailure reason;
    private final String detail;

    public FrameRejectedException(DecodeFailure reason, String detail) {
        this(reason, detail, null);
    }

    public FrameRejectedException(DecodeFailure reason, String detail, Throwable cause) {
        super(Objects.requireNonNull(reason, "reason") + ": " + Objects.requireNonNull(detail, "detail"), cause);
        this.reason = reason;
        this.detail = detail;
    }

    /** The machine-readable cause; maps 1:1 onto the dead-letter reason of the same name. */
    public DecodeFailure reason() {
        return reason;
    }

    /** The human-readable part of the message, without the reason prefix. */
    public String detail() {
        return detail;
    }
}
