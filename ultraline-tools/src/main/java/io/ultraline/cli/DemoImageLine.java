package io.ultraline.cli;

import io.ultraline.avro.CalibrationAction;
import io.ultraline.avro.CalibrationCommand;
import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.ImageEncoding;
import io.ultraline.control.CalibrationRequest;
import io.ultraline.control.CalibrationSender;
import io.ultraline.gateway.FolderScan;
import io.ultraline.gateway.FrameCheck;
import io.ultraline.gateway.Gateway;
import io.ultraline.gateway.KafkaFrameSink;
import io.ultraline.gateway.Pacer;
import io.ultraline.gateway.Progress;
import io.ultraline.stream.FrameRecordLimits;
import io.ultraline.stream.PipelineTopics;
import io.ultraline.stream.Topic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The demo's camera when the user brings pictures ({@code demo --images DIR}): one camera that
 * calibrates on the first {@code calibrationFrames} images in name order (so those must show good
 * parts) and then sends all of them, round after round, at {@code fps}, until closed. Frame ids are
 * the file names with the round, so every frame id stays unique.
 */
final class DemoImageLine implements AutoCloseable {

    private final Path folder;
    private final String camera;
    private final int calibrationFrames;
    private final KafkaFrameSink sink;
    private final Gateway gateway;
    private final Thread thread;
    private volatile boolean stopping;

    DemoImageLine(
            Path folder,
            String camera,
            int calibrationFrames,
            double fps,
            Map<String, Object> clientConfig,
            PipelineTopics topics) {
        this.folder = folder;
        this.camera = camera;
        this.calibrationFrames = calibrationFrames;
        // the demo's own console shows the dashboard; refusals still go to stderr
        Progress progress = new Progress(System.err, false, Long.MAX_VALUE, System::nanoTime);
        Topic<String, CameraFrame> frames = topics.frames();
        FrameRecordLimits limits = FrameRecordLimits.defaults();
        this.sink = KafkaFrameSink.create(
                clientConfig,
                frames.keySerde().serializer(),
                frames.valueSerde().serializer(),
                frames.name(),
                limits.maxBytes(),
                progress);
        this.gateway = new Gateway(
                new Gateway.Defaults("line-1", camera, null, Map.of("source", "demo-images")),
                null,
                new FrameCheck(limits),
                new Pacer(fps),
                sink,
                progress,
                Clock.systemUTC());
        this.thread = new Thread(this::run, "ultraline-demo-images");
        this.thread.setDaemon(true);
    }

    /** The images of {@code folder} the demo sends; fails when there are fewer than 2. */
    static List<Path> images(Path folder) throws IOException {
        List<Path> files = new FolderScan(folder, "*.{jpg,jpeg,png,JPG,JPEG,PNG}", false).next();
        if (files.size() < 2) {
            throw new IllegalArgumentException(folder + " holds " + files.size() + " JPEG/PNG file(s); the demo needs "
                    + "at least 2 (the first ones, in name order, calibrate the camera)");
        }
        return files;
    }

    /** Sends START for the camera, then starts sending the images. */
    void start(Map<String, Object> clientConfig, PipelineTopics topics) {
        Topic<String, CalibrationCommand> commands = topics.calibration();
        try (CalibrationSender sender = CalibrationSender.create(
                clientConfig,
                commands.keySerde().serializer(),
                commands.valueSerde().serializer(),
                commands.name())) {
            sender.send(new CalibrationRequest(CalibrationAction.START, camera, null, calibrationFrames, "demo"));
        }
        thread.start();
    }

    private void run() {
        try {
            for (int round = 1; !stopping; round++) {
                for (Path file : images(folder)) {
                    if (stopping) {
                        return;
                    }
                    byte[] bytes = Files.readAllBytes(file);
                    ImageEncoding encoding = FrameCheck.encodingOf(bytes);
                    if (encoding == null) {
                        continue;
                    }
                    String id = baseName(file) + "-r" + round;
                    gateway.send(
                            gateway.identity(
                                    camera,
                                    id,
                                    null,
                                    Map.of("file", file.getFileName().toString())),
                            encoding,
                            bytes,
                            file.getFileName().toString());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            System.err.println("error: the demo's image line stopped: " + e.getMessage());
        }
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    @Override
    public void close() {
        stopping = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sink.close();
    }
}
