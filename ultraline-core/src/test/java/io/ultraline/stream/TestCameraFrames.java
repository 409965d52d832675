package io.ultraline.stream;

import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.ImageEncoding;
import io.ultraline.synth.CameraSetup;
import io.ultraline.synth.DefectType;
import io.ultraline.synth.FrameGenerator;
import io.ultraline.synth.MaterialFamily;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import javax.imageio.ImageIO;

/** Avro camera frames for the stream tests (and the audit tests): synthetic painted surfaces, good or with a hole, as PNG. */
public final class TestCameraFrames {

    static final int SIZE = 64;
    static final String LINE = "line-a";
    private static final CameraSetup SETUP =
            CameraSetup.defaults(MaterialFamily.PAINTED, 7).withNoise(0.004);
    private static final FrameGenerator GENERATOR = new FrameGenerator();

    private TestCameraFrames() {}

    /** A good frame, the same surface every time apart from sensor noise seeded by {@code seed}. */
    public static BufferedImage good(long seed) {
        synchronized (GENERATOR) {
            return GENERATOR.good(SETUP, seed, SIZE).image();
        }
    }

    /** The same surface with a hole punched into it. */
    public static BufferedImage defective(long seed) {
        synchronized (GENERATOR) {
            return GENERATOR.generate(SETUP, seed, DefectType.HOLE, SIZE).image();
        }
    }

    public static byte[] png(BufferedImage image) {
        return encode(image, "png");
    }

    static byte[] jpeg(BufferedImage image) {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.getGraphics().drawImage(image, 0, 0, null);
        return encode(rgb, "jpeg");
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A PNG frame of {@code image}. */
    public static CameraFrame frame(String camera, String frameId, BufferedImage image) {
        return frame(camera, frameId, ImageEncoding.PNG, image.getWidth(), image.getHeight(), png(image));
    }

    public static CameraFrame frame(
            String camera, String frameId, ImageEncoding encoding, int width, int height, byte[] bytes) {
        return CameraFrame.newBuilder()
                .setCameraId(camera)
                .setLineId(LINE)
                .setFrameId(frameId)
                .setCaptureTimestamp(Instant.ofEpochMilli(1_700_000_000_000L))
                .setEncoding(encoding)
                .setWidth(width)
                .setHeight(height)
                .setImage(ByteBuffer.wrap(bytes))
                .setProductId(null)
                .setAttributes(Map.of())
                .build();
    }
}
