package io.ultraline.dev;

import io.ultraline.avro.CalibrationAction;
import io.ultraline.avro.CalibrationCommand;
import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.ImageEncoding;
import io.ultraline.frame.ImageFiles;
import io.ultraline.synth.CameraSetup;
import io.ultraline.synth.DefectType;
import io.ultraline.synth.FrameGenerator;
import io.ultraline.synth.MaterialFamily;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A simulated camera line for the demo: N cameras, each watching its own synthetic surface, send
 * PNG frames at F frames/s with defects injected at a rate. Each camera first gets a calibration
 * START command and then its first frames are good ones, so the pipeline calibrates it on them.
 * Frames are rendered once into a pool per camera and cycled with fresh frame ids and capture times,
 * so the simulator costs little CPU next to the model.
 */
public final class CameraLineSimulator implements AutoCloseable {

    /** Surfaces the shipped model detects best on; cameras cycle through them. */
    private static final MaterialFamily[] FAMILIES = {
        MaterialFamily.BRUSHED_METAL, MaterialFamily.WOVEN_FABRIC, MaterialFamily.PAINTED, MaterialFamily.TILES
    };

    private static final int POOL = 24;

    /**
     * @param cameras           cameras on the line
     * @param fps               frames per second of each camera
     * @param defectRate        share of frames with an injected defect after calibration, 0..1
     * @param calibrationFrames good frames each camera calibrates on
     * @param frameSize         frame side in pixels
     * @param lineId            the line's id on every frame
     * @param seed              seed of surfaces and defects
     */
    public record Settings(
            int cameras,
            double fps,
            double defectRate,
            int calibrationFrames,
            int frameSize,
            String lineId,
            long seed) {
        public Settings {
            if (cameras < 1 || cameras > 64) {
                throw new IllegalArgumentException("cameras must be 1..64, got " + cameras);
            }
            if (!(fps > 0 && fps <= 100)) {
                throw new IllegalArgumentException("fps must be in (0, 100], got " + fps);
            }
            if (!(defectRate >= 0 && defectRate <= 1)) {
                throw new IllegalArgumentException("defect rate must be in [0, 1], got " + defectRate);
            }
            if (calibrationFrames < 2) {
                throw new IllegalArgumentException("calibration needs at least 2 frames, got " + calibrationFrames);
            }
            Objects.requireNonNull(lineId, "lineId");
        }
    }

    private final Settings settings;
    private final Producer<String, CameraFrame> frames;
    private final String framesTopic;
    private final List<Camera> cameras = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "camera-line-simulator");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong sent = new AtomicLong();

    private record Camera(
            String id,
            List<byte[]> calibration,
            List<byte[]> good,
            List<byte[]> defective,
            SplittableRandom random,
            AtomicLong next) {}

    public CameraLineSimulator(Settings settings, Producer<String, CameraFrame> frames, String framesTopic) {
        this.settings = settings;
        this.frames = frames;
        this.framesTopic = framesTopic;
        FrameGenerator generator = new FrameGenerator();
        DefectType[] defects = DefectType.values();
        for (int c = 0; c < settings.cameras(); c++) {
            CameraSetup setup = CameraSetup.random(FAMILIES[c % FAMILIES.length], settings.seed() + c);
            List<byte[]> calibration = new ArrayList<>();
            List<byte[]> good = new ArrayList<>();
            List<byte[]> bad = new ArrayList<>();
            // calibration frames differ from the later good ones, as on a real line
            for (int i = 0; i < Math.min(POOL, settings.calibrationFrames()); i++) {
                calibration.add(ImageFiles.pngBytes(generator
                        .good(setup, settings.seed() * 1000 + 2 * POOL + i, settings.frameSize())
                        .image()));
            }
            for (int i = 0; i < POOL; i++) {
                good.add(ImageFiles.pngBytes(generator
                        .good(setup, settings.seed() * 1000 + i, settings.frameSize())
                        .image()));
                bad.add(ImageFiles.pngBytes(generator
                        .generate(
                                setup,
                                settings.seed() * 1000 + POOL + i,
                                defects[i % defects.length],
                                settings.frameSize())
                        .image()));
            }
            cameras.add(new Camera(
                    "cam-" + (c + 1),
                    calibration,
                    good,
                    bad,
                    new SplittableRandom(settings.seed() + 31L * c),
                    new AtomicLong()));
        }
    }

    /** Camera ids, in order. */
    public List<String> cameraIds() {
        return cameras.stream().map(Camera::id).toList();
    }

    /** Frames sent so far. */
    public long framesSent() {
        return sent.get();
    }

    /** Sends each camera's START command, then starts the frames. */
    public void start(Producer<String, CalibrationCommand> commands, String calibrationTopic) {
        long now = System.currentTimeMillis();
        for (Camera camera : cameras) {
            commands.send(new ProducerRecord<>(
                    calibrationTopic,
                    null,
                    now,
                    camera.id(),
                    CalibrationCommand.newBuilder()
                            .setCommandId("demo-" + UUID.randomUUID())
                            .setCameraId(camera.id())
                            .setAction(CalibrationAction.START)
                            .setFrameCount(settings.calibrationFrames())
                            .setRequestedBy("demo")
                            .setTimestamp(Instant.ofEpochMilli(now))
                            .build()));
        }
        commands.flush();
        long periodMicros = Math.round(1_000_000 / settings.fps());
        for (int i = 0; i < cameras.size(); i++) {
            Camera camera = cameras.get(i);
            // spread the cameras over the period; start after the commands are surely earlier in time
            long delay = 100_000 + periodMicros * i / cameras.size();
            timer.scheduleAtFixedRate(() -> send(camera), delay, periodMicros, TimeUnit.MICROSECONDS);
        }
    }

    private void send(Camera camera) {
        long n = camera.next().getAndIncrement();
        boolean calibrating = n < settings.calibrationFrames();
        boolean defective = !calibrating && camera.random().nextDouble() < settings.defectRate();
        List<byte[]> pool = calibrating ? camera.calibration() : defective ? camera.defective() : camera.good();
        byte[] png = pool.get(camera.random().nextInt(pool.size()));
        long now = System.currentTimeMillis();
        CameraFrame frame = CameraFrame.newBuilder()
                .setCameraId(camera.id())
                .setLineId(settings.lineId())
                .setFrameId(String.format("%s-%06d", camera.id(), n))
                .setCaptureTimestamp(Instant.ofEpochMilli(now))
                .setEncoding(ImageEncoding.PNG)
                .setWidth(settings.frameSize())
                .setHeight(settings.frameSize())
                .setImage(ByteBuffer.wrap(png))
                .setProductId(null)
                .setAttributes(Map.of("simulated-defect", Boolean.toString(defective)))
                .build();
        try {
            frames.send(new ProducerRecord<>(framesTopic, null, now, camera.id(), frame));
            sent.incrementAndGet();
        } catch (RuntimeException e) {
            // the producer is closing (shutdown) or the broker is gone: the next tick tries again
        }
    }

    /** Stops sending; the producers belong to the caller. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
