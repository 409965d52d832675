package io.ultraline.cli;

import io.ultraline.avro.CameraFrame;
import io.ultraline.gateway.FileNamePattern;
import io.ultraline.gateway.FolderScan;
import io.ultraline.gateway.FrameCheck;
import io.ultraline.gateway.FrameHttpEndpoint;
import io.ultraline.gateway.Gateway;
import io.ultraline.gateway.ImageStreamSplitter;
import io.ultraline.gateway.KafkaFrameSink;
import io.ultraline.gateway.Pacer;
import io.ultraline.gateway.Progress;
import io.ultraline.gateway.TruncatedImageException;
import io.ultraline.stream.FrameRecordLimits;
import io.ultraline.stream.PipelineTopics;
import io.ultraline.stream.Topic;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ultraline produce}: the camera gateway, images from a folder, a pipe or HTTP into line.frames. */
@Command(
        name = "produce",
        mixinStandardHelpOptions = true,
        description = {
            "Send camera images to line.frames as CameraFrame records (Avro, key = camera id, idempotent "
                    + "producer), from a folder, from standard input (concatenated JPEG/PNG, e.g. an MJPEG pipe from "
                    + "ffmpeg) or from HTTP POSTs. Frames the service would reject are refused here, with the reason.",
            "Exit code 1 when a frame was refused or not acknowledged, or the input ended inside an image."
        })
final class ProduceCommand implements Callable<Integer> {

    /** Exactly one source. */
    static final class Source {
        @Option(names = "--folder", description = "send the image files of this folder, sorted by name")
        Path folder;

        @Option(names = "--stdin", description = "read concatenated JPEG/PNG images from standard input")
        boolean stdin;

        @Option(
                names = "--http",
                paramLabel = "PORT",
                description = "accept POST /frames/{cameraId} with the image as body on this port")
        Integer httpPort;
    }

    @Mixin
    KafkaConnectionOptions connection;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--camera", description = "camera id of every frame (unless a pattern group or header names it)")
    String camera;

    @Option(names = "--line", defaultValue = "", description = "production line id (default none)")
    String line;

    @Option(names = "--product", description = "product id of every frame")
    String product;

    @Option(names = "--attribute", paramLabel = "NAME=VALUE", description = "a fixed attribute (repeatable)")
    Map<String, String> attributes = new LinkedHashMap<>();

    @Option(
            names = "--attributes-from",
            paramLabel = "REGEX",
            description = {
                "attributes from file names by named groups, e.g. '(?<serial>[^_]+)_(?<shift>\\w+)';",
                "groups 'camera' and 'product' set the camera and product"
            })
    String attributesFrom;

    @Option(
            names = "--glob",
            defaultValue = "*.{jpg,jpeg,png,JPG,JPEG,PNG}",
            description = "which files of --folder (default ${DEFAULT-VALUE})")
    String glob;

    @Option(names = "--watch", description = "with --folder: keep sending new files until Ctrl-C")
    boolean watch;

    @Option(
            names = "--poll",
            defaultValue = "PT0.5S",
            description = "with --watch: scan interval (default ${DEFAULT-VALUE})")
    Duration poll;

    @Option(
            names = "--rate",
            defaultValue = "0",
            description = "frames per second at most (default ${DEFAULT-VALUE}: as fast as they come)")
    double rate;

    @Option(
            names = "--http-bind",
            defaultValue = "127.0.0.1",
            description = "address --http listens on (default ${DEFAULT-VALUE}; it has no authentication)")
    String httpBind;

    @Option(
            names = "--frame-id-prefix",
            description = "frame ids of --stdin and --http (default stdin-/http-<start time>)")
    String frameIdPrefix;

    @Option(names = "--max-bytes", description = "largest image, as the service's frames.max-bytes (default 16 MiB)")
    Integer maxBytes;

    @Option(
            names = "--max-pixels",
            description = "most pixels, as the service's frames.max-pixels (default 4096 x 4096)")
    Long maxPixels;

    @Option(
            names = "--progress-interval",
            defaultValue = "PT5S",
            description = "progress line interval when not on a terminal (default ${DEFAULT-VALUE})")
    Duration progressInterval;

    private volatile boolean stopping;

    @Override
    public Integer call() throws Exception {
        FrameRecordLimits defaults = FrameRecordLimits.defaults();
        FrameRecordLimits limits = new FrameRecordLimits(
                maxBytes != null ? maxBytes : defaults.maxBytes(),
                maxPixels != null ? maxPixels : defaults.maxPixels(),
                defaults.allowedEncodings(),
                defaults.fields());
        FileNamePattern pattern = attributesFrom == null ? null : FileNamePattern.compile(attributesFrom);
        if (source.folder == null && (watch || pattern != null)) {
            throw new IllegalArgumentException("--watch and --attributes-from work with --folder only");
        }
        if (camera == null && (pattern == null || !attributesFrom.contains("?<camera>")) && source.httpPort == null) {
            throw new IllegalArgumentException("give --camera, or a (?<camera>...) group in --attributes-from");
        }
        PrintStream out = System.err;
        Progress progress = new Progress(out, System.console() != null, progressInterval.toNanos(), System::nanoTime);
        Topic<String, CameraFrame> topic = PipelineTopics.avro(connection.serdeConfig())
                .withPrefix(connection.topicPrefix)
                .frames();
        boolean truncated = false;
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    stopping = true;
                    try {
                        done.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "ultraline-produce-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (KafkaFrameSink sink = KafkaFrameSink.create(
                connection.clientConfig(),
                topic.keySerde().serializer(),
                topic.valueSerde().serializer(),
                topic.name(),
                limits.maxBytes(),
                progress)) {
            Gateway gateway = new Gateway(
                    new Gateway.Defaults(line, camera, product, attributes),
                    pattern,
                    new FrameCheck(limits),
                    new Pacer(rate),
                    sink,
                    progress,
                    Clock.systemUTC());
            String prefix = frameIdPrefix != null
                    ? frameIdPrefix
                    : (source.stdin ? "stdin-" : "http-") + System.currentTimeMillis();
            if (source.folder != null) {
                out.println(
                        "sending " + source.folder + "/" + glob + " to " + topic.name() + (watch ? ", watching" : ""));
                gateway.replayFolder(new FolderScan(source.folder, glob, watch), watch, poll, () -> stopping);
            } else if (source.stdin) {
                truncated = replayStdin(gateway, prefix, limits.maxBytes(), out);
            } else {
                serveHttp(gateway, progress, prefix, limits.maxBytes(), out);
            }
            sink.flush();
        } finally {
            // before the hook lets the JVM exit after Ctrl-C
            out.println(progress.summary());
            done.countDown();
            if (!stopping) {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
        return truncated || progress.refusedCount() > 0 || progress.failedCount() > 0 ? 1 : 0;
    }

    private boolean replayStdin(Gateway gateway, String prefix, int maxBytes, PrintStream out) throws Exception {
        out.println("reading concatenated JPEG/PNG images from standard input");
        InputStream in = System.in;
        try {
            gateway.replayStream(new ImageStreamSplitter(in, maxBytes), prefix, () -> stopping);
            return false;
        } catch (TruncatedImageException e) {
            out.println("error: " + e.getMessage());
            return true;
        }
    }

    private void serveHttp(Gateway gateway, Progress progress, String prefix, int maxBytes, PrintStream out)
            throws Exception {
        try (FrameHttpEndpoint http =
                new FrameHttpEndpoint(gateway, new InetSocketAddress(httpBind, source.httpPort), maxBytes, prefix)) {
            out.printf("accepting frames: POST http://%s:%d/frames/{cameraId} (Ctrl-C stops)%n", httpBind, http.port());
            while (!stopping) {
                Thread.sleep(200);
                progress.tick();
            }
        }
    }
}
