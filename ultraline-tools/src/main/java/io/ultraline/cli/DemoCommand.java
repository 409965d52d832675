package io.ultraline.cli;

import io.ultraline.app.UltralineApplication;
import io.ultraline.dev.CameraLineSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ultraline demo}: the whole system on this machine with a simulated camera line. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Starts an embedded Kafka broker, an embedded schema registry, the service with the shipped",
            "model and a simulated camera line with injected defects; Ctrl-C stops everything and removes its data."
        })
final class DemoCommand implements Callable<Integer> {

    @Option(
            names = "--model",
            description = "model directory (default: ${DEFAULT-VALUE})",
            defaultValue = "models/line-vit")
    Path model;

    @Option(names = "--cameras", description = "simulated cameras (default: ${DEFAULT-VALUE})", defaultValue = "4")
    int cameras;

    @Option(
            names = "--fps",
            description = "frames per second per camera (default: ${DEFAULT-VALUE})",
            defaultValue = "2")
    double fps;

    @Option(
            names = "--defect-rate",
            description = "share of frames with a defect (default: ${DEFAULT-VALUE})",
            defaultValue = "0.15")
    double defectRate;

    @Option(
            names = "--calibration-frames",
            description = "good frames each camera calibrates on (default: ${DEFAULT-VALUE})",
            defaultValue = "30")
    int calibrationFrames;

    @Option(
            names = "--kafka-port",
            description = "broker port on 127.0.0.1 (default: ${DEFAULT-VALUE})",
            defaultValue = "9092")
    int kafkaPort;

    @Option(
            names = "--registry-port",
            description = "schema registry port (default: ${DEFAULT-VALUE})",
            defaultValue = "8081")
    int registryPort;

    @Option(
            names = "--http-port",
            description = "dashboard and API port (default: ${DEFAULT-VALUE})",
            defaultValue = "8080")
    int httpPort;

    @Option(names = "--duration", description = "stop by itself after this long, e.g. PT2M (default: run until Ctrl-C)")
    Duration duration;

    @Option(
            names = "--images",
            description = {
                "run on your own pictures instead of the simulator: one camera "
                        + "calibrates on the first --calibration-frames images of this folder (name order: put good parts "
                        + "first), then all of them are sent round after round at --fps"
            })
    Path images;

    @Option(
            names = "--seed",
            description = "seed of the simulated surfaces (default: ${DEFAULT-VALUE})",
            defaultValue = "7")
    long seed;

    @Override
    public Integer call() throws Exception {
        Path modelDir = model.isAbsolute() ? model : home().resolve(model);
        if (images != null) {
            int count = DemoImageLine.images(images).size();
            if (calibrationFrames >= count) {
                throw new IllegalArgumentException(images + " holds " + count + " images; --calibration-frames ("
                        + calibrationFrames + ") must be fewer, so that some frames are inspected");
            }
        }
        Demo.Settings settings = new Demo.Settings(
                modelDir,
                kafkaPort,
                registryPort,
                httpPort,
                4,
                images != null
                        ? null
                        : new CameraLineSimulator.Settings(
                                cameras, fps, defectRate, calibrationFrames, 128, "line-1", seed));
        System.out.println("starting the demo: broker, schema registry, service with " + modelDir.getFileName()
                + ", " + (images != null ? "the images of " + images : cameras + " cameras") + " at " + fps
                + " frames/s ...");
        Demo demo;
        try {
            demo = Demo.start(settings);
        } catch (RuntimeException e) {
            System.err.println("error: the demo did not start: " + UltralineApplication.reason(e));
            return 2;
        }
        DemoImageLine imageLine = null;
        if (images != null) {
            Map<String, Object> client = Map.of("bootstrap.servers", demo.bootstrapServers());
            imageLine = new DemoImageLine(images, "cam-1", calibrationFrames, fps, client, demo.topics());
            imageLine.start(client, demo.topics());
        }
        DemoImageLine line = imageLine;
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    System.out.println("stopping the demo ...");
                    if (line != null) {
                        line.close();
                    }
                    demo.close();
                    stop.countDown();
                },
                "ultraline-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        System.out.printf(
                """
                ultraline demo is running
                  dashboard          %s
                  API                %sapi/cameras   %sapi/alerts
                  metrics            %sprometheus
                  Kafka bootstrap    %s
                  schema registry    %s
                  cameras            %s (each calibrates on its first %d frames)
                Ctrl-C stops it and removes its data.
                """,
                demo.dashboardUrl(),
                demo.dashboardUrl(),
                demo.dashboardUrl(),
                demo.dashboardUrl(),
                demo.bootstrapServers(),
                demo.registryUrl(),
                images != null
                        ? "cam-1 (images of " + images + ")"
                        : String.join(", ", demo.simulator().cameraIds()),
                calibrationFrames);
        if (duration != null) {
            if (!stop.await(duration.toMillis(), TimeUnit.MILLISECONDS)) {
                Runtime.getRuntime().removeShutdownHook(hook);
                hook.run();
            }
            return 0;
        }
        stop.await();
        return 0;
    }

    private static Path home() {
        String home = System.getProperty("ultraline.home");
        return home == null ? Path.of("") : Path.of(home);
    }
}
