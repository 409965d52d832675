package io.ultraline.gateway;

import io.ultraline.avro.CameraFrame;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;

/** A sink that keeps the frames and acknowledges each at once, for tests without a broker. */
final class ListSink implements FrameSink {

    final List<CameraFrame> frames = new CopyOnWriteArrayList<>();
    private final Progress progress;

    ListSink(Progress progress) {
        this.progress = progress;
    }

    @Override
    public Future<?> send(CameraFrame frame) {
        progress.submitted();
        frames.add(frame);
        progress.sent();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
}
