package io.ultraline.gateway;

import io.ultraline.avro.CameraFrame;
import java.util.concurrent.Future;

/** Where the gateway's frames go (Kafka in production; a list in unit tests). */
public interface FrameSink extends AutoCloseable {

    /**
     * Sends a frame; the broker's answer comes later, through the {@link Progress} the sink was
     * given and through the returned future (which an HTTP caller waits for).
     */
    Future<?> send(CameraFrame frame);

    /** Waits until every frame sent so far is acknowledged or failed. */
    void flush();

    @Override
    void close();
}
