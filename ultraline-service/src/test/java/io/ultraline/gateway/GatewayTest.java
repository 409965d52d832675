package io.ultraline.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.ImageEncoding;
import io.ultraline.stream.FrameRecordLimits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final Progress progress =
            new Progress(new PrintStream(log, true, StandardCharsets.UTF_8), false, Long.MAX_VALUE, System::nanoTime);
    private final ListSink sink = new ListSink(progress);

    private Gateway gateway(String camera, FileNamePattern pattern) {
        return new Gateway(
                new Gateway.Defaults("line-1", camera, null, Map.of("site", "north")),
                pattern,
                new FrameCheck(FrameRecordLimits.defaults()),
                new Pacer(0),
                sink,
                progress,
                Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC));
    }

    @Test
    void aFolderReplayNamesFramesByFileAndTakesAttributesFromTheName() throws Exception {
        Files.write(dir.resolve("cam-2_A1_day.png"), GatewayImages.png(1));
        Files.write(dir.resolve("cam-1_A2_night.jpg"), GatewayImages.jpeg(2));
        Files.write(dir.resolve("notes.jpg"), "not an image".getBytes(StandardCharsets.UTF_8));
        Files.write(dir.resolve("cam-3_A3_day.jpg"), "not an image".getBytes(StandardCharsets.UTF_8));
        Gateway g = gateway(null, FileNamePattern.compile("(?<camera>cam-\\d+)_(?<serial>[^_]+)_(?<shift>\\w+)"));

        g.replayFolder(new FolderScan(dir, "*.{jpg,png}", false), false, Duration.ZERO, () -> false);

        assertThat(sink.frames).extracting(CameraFrame::getCameraId).containsExactly("cam-1", "cam-2");
        CameraFrame first = sink.frames.get(0);
        assertThat(first.getFrameId()).isEqualTo("cam-1_A2_night");
        assertThat(first.getEncoding()).isEqualTo(ImageEncoding.JPEG);
        assertThat(first.getLineId()).isEqualTo("line-1");
        assertThat(first.getAttributes())
                .containsEntry("serial", "A2")
                .containsEntry("shift", "night")
                .containsEntry("site", "north")
                .containsEntry("file", "cam-1_A2_night.jpg");
        assertThat(progress.refusedCount()).isEqualTo(2);
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("skipped cam-3_A3_day.jpg: not a PNG or JPEG file")
                .contains("skipped notes.jpg: the name does not match the attribute pattern");
    }

    @Test
    void aStreamGivesOneFramePerImageWithSequentialIds() throws Exception {
        byte[] stream = GatewayImages.concat(
                GatewayImages.jpeg(1),
                "junk".getBytes(StandardCharsets.US_ASCII),
                GatewayImages.png(2),
                GatewayImages.jpeg(3));

        gateway("cam-9", null)
                .replayStream(new ImageStreamSplitter(new ByteArrayInputStream(stream), 1 << 20), "run", () -> false);

        assertThat(sink.frames)
                .extracting(CameraFrame::getFrameId)
                .containsExactly("run-000001", "run-000002", "run-000003");
        assertThat(sink.frames)
                .extracting(CameraFrame::getEncoding)
                .containsExactly(ImageEncoding.JPEG, ImageEncoding.PNG, ImageEncoding.JPEG);
        assertThat(sink.frames).allSatisfy(f -> assertThat(f.getCameraId()).isEqualTo("cam-9"));
        assertThat(progress.sentCount()).isEqualTo(3);
    }
}
