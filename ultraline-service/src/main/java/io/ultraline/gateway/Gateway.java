package io.ultraline.gateway;

import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.ImageEncoding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * The gateway's one path from image bytes to a sent frame, shared by its sources (a folder, a
 * stream, HTTP): names the frame, checks it, waits for its slot and hands it to the sink. A frame
 * that cannot be sent is counted and reported, and the gateway goes on with the next one.
 */
public final class Gateway {

    /**
     * What every frame gets unless its source says otherwise.
     *
     * @param lineId     production line, may be empty
     * @param cameraId   camera, or null when each frame names its own
     * @param productId  product, or null
     * @param attributes fixed attributes
     */
    public record Defaults(String lineId, String cameraId, String productId, Map<String, String> attributes) {
        public Defaults {
            attributes = Map.copyOf(attributes);
        }
    }

    private final Defaults defaults;
    private final FileNamePattern pattern;
    private final FrameCheck check;
    private final Pacer pacer;
    private final FrameSink sink;
    private final Progress progress;
    private final Clock clock;

    /** @param pattern attributes from file names, or null */
    public Gateway(
            Defaults defaults,
            FileNamePattern pattern,
            FrameCheck check,
            Pacer pacer,
            FrameSink sink,
            Progress progress,
            Clock clock) {
        this.defaults = defaults;
        this.pattern = pattern;
        this.check = check;
        this.pacer = pacer;
        this.sink = sink;
        this.progress = progress;
        this.clock = clock;
    }

    /**
     * Sends the folder's files in name order; with {@code watch}, goes on sending new files every
     * {@code poll} until {@code stop} says so.
     */
    public void replayFolder(FolderScan scan, boolean watch, Duration poll, BooleanSupplier stop)
            throws IOException, InterruptedException {
        do {
            for (Path file : scan.next()) {
                if (stop.getAsBoolean()) {
                    return;
                }
                sendFile(file);
            }
            progress.tick();
            if (watch) {
                Thread.sleep(poll.toMillis());
            }
        } while (watch && !stop.getAsBoolean());
    }

    /** Sends every image of a stream, frame ids {@code <prefix>-000001, ...}. */
    public void replayStream(ImageStreamSplitter splitter, String frameIdPrefix, BooleanSupplier stop)
            throws IOException, InterruptedException {
        long seq = 0;
        int corruptReported = 0;
        for (SplitImage image = splitter.next(); image != null && !stop.getAsBoolean(); image = splitter.next()) {
            if (splitter.corruptImages() > corruptReported) {
                corruptReported = splitter.corruptImages();
                progress.refused("a damaged image", splitter.lastCorruption());
            }
            seq++;
            String frameId = String.format("%s-%06d", frameIdPrefix, seq);
            send(
                    identity(defaults.cameraId(), frameId, defaults.productId(), Map.of()),
                    image.encoding(),
                    image.bytes(),
                    "frame " + seq);
        }
        if (splitter.corruptImages() > corruptReported) {
            progress.refused("a damaged image", splitter.lastCorruption());
        }
    }

    /** Sends one file; false if it was refused. */
    public boolean sendFile(Path file) throws IOException, InterruptedException {
        String name = file.getFileName().toString();
        String camera = defaults.cameraId();
        String product = defaults.productId();
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("file", name);
        if (pattern != null) {
            Optional<FileNamePattern.Match> m = pattern.match(name);
            if (m.isEmpty()) {
                progress.refused(name, "the name does not match the attribute pattern " + pattern);
                return false;
            }
            camera = m.get().camera() != null ? m.get().camera() : camera;
            product = m.get().product() != null ? m.get().product() : product;
            attributes.putAll(m.get().attributes());
        }
        byte[] bytes = Files.readAllBytes(file);
        ImageEncoding encoding = FrameCheck.encodingOf(bytes);
        if (encoding == null) {
            progress.refused(name, "not a PNG or JPEG file");
            return false;
        }
        return send(identity(camera, FileNamePattern.baseName(name), product, attributes), encoding, bytes, name)
                .isPresent();
    }

    /**
     * Checks and sends one image; the pending send, or empty when it was refused.
     *
     * @param what how to name the frame in a refusal
     */
    public Optional<Future<?>> send(FrameCheck.Identity id, ImageEncoding encoding, byte[] bytes, String what)
            throws InterruptedException {
        CameraFrame frame;
        try {
            frame = check.frame(id, encoding, bytes);
        } catch (FrameRefusedException e) {
            progress.refused(what, e.getMessage());
            return Optional.empty();
        }
        pacer.await();
        Future<?> sent = sink.send(frame);
        progress.tick();
        return Optional.of(sent);
    }

    /** Check and send, throwing the refusal (for HTTP, which answers it). */
    public Future<?> sendOrThrow(FrameCheck.Identity id, ImageEncoding encoding, byte[] bytes)
            throws FrameRefusedException, InterruptedException {
        CameraFrame frame = check.frame(id, encoding, bytes);
        pacer.await();
        Future<?> sent = sink.send(frame);
        progress.tick();
        return sent;
    }

    /** A frame's identity: the defaults, overridden by what its source said. */
    public FrameCheck.Identity identity(String camera, String frameId, String product, Map<String, String> extra) {
        Map<String, String> attributes = new LinkedHashMap<>(defaults.attributes());
        attributes.putAll(extra);
        return new FrameCheck.Identity(defaults.lineId(), camera, frameId, product, attributes, clock.instant());
    }

    public Defaults defaults() {
        return defaults;
    }
}
