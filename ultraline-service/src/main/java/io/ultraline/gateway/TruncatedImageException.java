package io.ultraline.gateway;

import java.io.IOException;

/** The stream ended inside an image: the last image is incomplete and was not sent. */
public final class TruncatedImageException extends IOException {

    public TruncatedImageException(String message) {
        super(message);
    }
}
