package io.ultraline.gateway;

import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.ImageEncoding;
import io.ultraline.stream.FrameRecordLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Builds a CameraFrame from image bytes and checks it against the service's frame limits before
 * it is sent: a frame the service would dead-letter (too large, too many pixels, an encoding it
 * does not take, ids or attributes past their bounds, a file that is not an image) is refused here
 * with the reason, where the operator sees it, instead of surfacing later in line.frames.dlq.
 * Width and height come from the image header; nothing is decoded.
 */
public final class FrameCheck {

    /** What identifies a frame besides its image. */
    public record Identity(
            String lineId,
            String cameraId,
            String frameId,
            String productId,
            Map<String, String> attributes,
            Instant captured) {}

    private final FrameRecordLimits limits;

    public FrameCheck(FrameRecordLimits limits) {
        this.limits = limits;
    }

    /** The frame to send. */
    public CameraFrame frame(Identity id, ImageEncoding encoding, byte[] image) throws FrameRefusedException {
        if (id.cameraId() == null || id.cameraId().isBlank()) {
            throw new FrameRefusedException("no camera id: give --camera, a (?<camera>...) group or a camera header");
        }
        if (!limits.allowedEncodings().contains(encoding)) {
            throw new FrameRefusedException(
                    encoding + " frames are not accepted (allowed: " + limits.allowedEncodings() + ")");
        }
        if (image.length > limits.maxBytes()) {
            throw new FrameRefusedException("the image has " + image.length + " bytes, more than the "
                    + limits.maxBytes() + " the service accepts (" + FrameRecordLimits.KEY_MAX_BYTES + ")");
        }
        int[] size = size(encoding, image);
        if ((long) size[0] * size[1] > limits.maxPixels()) {
            throw new FrameRefusedException("the image is " + size[0] + " x " + size[1] + " pixels, more than the "
                    + limits.maxPixels() + " the service accepts (" + FrameRecordLimits.KEY_MAX_PIXELS + ")");
        }
        CameraFrame frame = CameraFrame.newBuilder()
                .setLineId(id.lineId() == null ? "" : id.lineId())
                .setCameraId(id.cameraId())
                .setFrameId(id.frameId())
                .setProductId(id.productId())
                .setCaptureTimestamp(id.captured())
                .setEncoding(encoding)
                .setWidth(size[0])
                .setHeight(size[1])
                .setImage(java.nio.ByteBuffer.wrap(image))
                .setAttributes(Map.copyOf(id.attributes()))
                .build();
        String violation = limits.fields().violation(frame);
        if (violation != null) {
            throw new FrameRefusedException(violation);
        }
        return frame;
    }

    /** PNG or JPEG by the file's signature (an extension can lie), else null. */
    public static ImageEncoding encodingOf(byte[] image) {
        if (image.length >= 8 && (image[0] & 0xff) == 0x89 && image[1] == 'P' && image[2] == 'N' && image[3] == 'G') {
            return ImageEncoding.PNG;
        }
        if (image.length >= 3 && (image[0] & 0xff) == 0xFF && (image[1] & 0xff) == 0xD8 && (image[2] & 0xff) == 0xFF) {
            return ImageEncoding.JPEG;
        }
        return null;
    }

    /** Width and height from the header of a PNG or JPEG. */
    static int[] size(ImageEncoding encoding, byte[] image) throws FrameRefusedException {
        if (encoding != ImageEncoding.PNG && encoding != ImageEncoding.JPEG) {
            throw new FrameRefusedException("the gateway sends PNG and JPEG files, not " + encoding);
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(encoding.name());
            while (readers.hasNext()) {
                ImageReader reader = readers.next();
                try {
                    in.seek(0);
                    reader.setInput(in, true, true);
                    return new int[] {reader.getWidth(0), reader.getHeight(0)};
                } catch (IOException | RuntimeException e) {
                    // the next reader may know this variant
                } finally {
                    reader.dispose();
                }
            }
        } catch (IOException e) {
            throw new FrameRefusedException("the " + encoding + " header cannot be read: " + e.getMessage());
        }
        throw new FrameRefusedException("not a readable " + encoding + " file (its header gives no image size)");
    }
}
