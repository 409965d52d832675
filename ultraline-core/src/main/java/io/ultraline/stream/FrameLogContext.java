package io.ultraline.stream;

import org.slf4j.MDC;

/**
 * Names the frame a stream thread is working on in the logging MDC ({@value #CAMERA},
 * {@value #FRAME}, {@value #TASK}, {@value #SOURCE}), so that every line logged meanwhile (ours, the
 * model's, a library's) can be found by camera or frame in a JSON log pipeline. Opened and closed
 * around one frame's work on the thread that does it: a stream thread moves on to other tasks and
 * frames, so a key left behind would name the wrong frame.
 */
final class FrameLogContext implements AutoCloseable {

    static final String CAMERA = "camera";
    static final String FRAME = "frame";
    static final String TASK = "task";
    static final String SOURCE = "source";

    private FrameLogContext() {}

    /** Puts the frame's keys (a null camera or frame id is left out: it may be what is wrong). */
    static FrameLogContext open(Object task, String cameraId, String frameId, OriginalRecord source) {
        put(TASK, task);
        put(CAMERA, cameraId);
        put(FRAME, frameId);
        put(SOURCE, source);
        return new FrameLogContext();
    }

    private static void put(String key, Object value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value.toString());
        }
    }

    @Override
    public void close() {
        MDC.remove(TASK);
        MDC.remove(CAMERA);
        MDC.remove(FRAME);
        MDC.remove(SOURCE);
    }
}
