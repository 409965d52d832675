package io.ultraline.gateway;

/** A frame the gateway does not send, and why (in words an operator can act on). */
public final class FrameRefusedException extends Exception {

    public FrameRefusedException(String message) {
        super(message);
    }
}
