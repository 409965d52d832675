package io.ultraline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.stream.TestCameraFrames;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ultraline produce} against the real service on the embedded broker and registry: a folder
 * replay and an MJPEG-style stdin stream each give exactly one verdict per image, keyed and
 * partitioned by camera, with the attributes from the file names.
 */
class ProduceIT {

    private static RunningService service;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        service = new RunningService();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aFolderGivesOneVerdictPerImageWithItsFileAttributes() throws Exception {
        for (int i = 0; i < 4; i++) {
            byte[] image = i % 2 == 0 ? TestCameraFrames.png(TestCameraFrames.good(i)) : jpeg(i);
            Files.write(
                    dir.resolve(String.format("S%03d_%s.%s", i, i < 2 ? "day" : "night", i % 2 == 0 ? "png" : "jpg")),
                    image);
        }
        Files.writeString(dir.resolve("readme.txt"), "not an image");
        List<String> args = new ArrayList<>(List.of(
                "produce",
                "--folder",
                dir.toString(),
                "--camera",
                "cam-folder",
                "--line",
                "line-9",
                "--attributes-from",
                "(?<serial>[^_]+)_(?<shift>\\w+)",
                "--rate",
                "20"));
        args.addAll(service.connection());

        RunningService.Run run = RunningService.cli(null, args);

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("sent 4 frame(s)");
        Map<String, List<FrameVerdict>> verdicts = verdictsOf("cam-folder", 4);
        assertThat(verdicts).containsOnlyKeys("S000_day", "S001_day", "S002_night", "S003_night");
        assertThat(verdicts.values()).allSatisfy(v -> assertThat(v).hasSize(1));
        FrameVerdict v = verdicts.get("S002_night").get(0);
        assertThat(v.getAttributes())
                .containsEntry("serial", "S002")
                .containsEntry("shift", "night")
                .containsEntry("file", "S002_night.png");
        assertThat(v.getLineId()).isEqualTo("line-9");
        framesAreKeyedByCamera("cam-folder", 4);
    }

    @Test
    void anMjpegStreamOnStdinGivesOneVerdictPerImage() throws Exception {
        ByteArrayOutputStream mjpeg = new ByteArrayOutputStream();
        for (int i = 0; i < 5; i++) {
            mjpeg.writeBytes(jpeg(10 + i));
            mjpeg.writeBytes("\r\n--frame\r\n".getBytes()); // a multipart boundary, as some encoders write
        }
        List<String> args =
                new ArrayList<>(List.of("produce", "--stdin", "--camera", "cam-pipe", "--frame-id-prefix", "pipe"));
        args.addAll(service.connection());

        RunningService.Run run = RunningService.cli(new ByteArrayInputStream(mjpeg.toByteArray()), args);

        assertThat(run.code()).as(run.err()).isZero();
        Map<String, List<FrameVerdict>> verdicts = verdictsOf("cam-pipe", 5);
        assertThat(verdicts)
                .containsOnlyKeys("pipe-000001", "pipe-000002", "pipe-000003", "pipe-000004", "pipe-000005");
        assertThat(verdicts.values()).allSatisfy(v -> assertThat(v).hasSize(1));
    }

    @Test
    void aTruncatedLastImageIsReportedAndTheOthersAreSent() {
        byte[] whole = jpeg(20);
        byte[] stream = new byte[whole.length * 2 - 100];
        System.arraycopy(whole, 0, stream, 0, whole.length);
        System.arraycopy(whole, 0, stream, whole.length, whole.length - 100);
        List<String> args = new ArrayList<>(List.of("produce", "--stdin", "--camera", "cam-cut"));
        args.addAll(service.connection());

        RunningService.Run run = RunningService.cli(new ByteArrayInputStream(stream), args);

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("incomplete and was not sent").contains("sent 1 frame(s)");
    }

    /** The verdicts of a camera by frame id, once {@code count} arrived and a moment passed for extras. */
    private Map<String, List<FrameVerdict>> verdictsOf(String camera, int count) {
        RunningService.Reader<String, FrameVerdict> reader = service.reader(service.topics.verdicts());
        org.awaitility.Awaitility.await()
                .atMost(RunningService.TIMEOUT)
                .pollInterval(Duration.ZERO)
                .until(() -> reader.poll().stream()
                                .filter(r -> r.key().equals(camera))
                                .count()
                        >= count);
        long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < end) {
            reader.poll(); // a duplicate verdict would arrive within the same commit interval
        }
        return reader.poll().stream()
                .map(ConsumerRecord::value)
                .filter(v -> v.getCameraId().equals(camera))
                .collect(Collectors.groupingBy(FrameVerdict::getFrameId));
    }

    private void framesAreKeyedByCamera(String camera, int count) {
        RunningService.Reader<String, CameraFrame> frames = service.reader(service.topics.frames());
        List<ConsumerRecord<String, CameraFrame>> mine = frames.await(1).stream()
                .filter(r -> r.value().getCameraId().equals(camera))
                .toList();
        org.awaitility.Awaitility.await()
                .atMost(RunningService.TIMEOUT)
                .until(() -> frames.poll().stream()
                                .filter(r -> camera.equals(r.key()))
                                .count()
                        == count);
        assertThat(frames.poll().stream()
                        .filter(r -> camera.equals(r.key()))
                        .map(ConsumerRecord::partition)
                        .distinct())
                .hasSize(1);
        assertThat(mine).allSatisfy(r -> assertThat(r.key()).isEqualTo(camera));
    }

    static byte[] jpeg(long seed) {
        java.awt.image.BufferedImage good = TestCameraFrames.good(seed);
        java.awt.image.BufferedImage rgb = new java.awt.image.BufferedImage(
                good.getWidth(), good.getHeight(), java.awt.image.BufferedImage.TYPE_INT_RGB);
        rgb.getGraphics().drawImage(good, 0, 0, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(rgb, "jpg", out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
