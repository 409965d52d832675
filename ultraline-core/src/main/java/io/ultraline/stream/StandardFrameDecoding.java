package io.ultraline.stream;

import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.ImageEncoding;
import io.ultraline.avro.RejectReason;
import io.ultraline.frame.FrameDecoder;
import io.ultraline.frame.FrameEncoding;
import io.ultraline.frame.FrameLimits;
import io.ultraline.frame.FrameRejectedException;
import io.ultraline.frame.RgbImage;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.Set;

/**
 * {@link FrameDecoding} through {@link FrameDecoder}: the record's limits ({@link FrameRecordLimits},
 * Avro encodings) mapped onto the decoder's ({@link FrameLimits}), and its rejections onto dead-letter reasons of the same name.
 */
final class StandardFrameDecoding implements FrameDecoding {

    private final FrameDecoder decoder;
    private final FieldLimits fields;

    StandardFrameDecoding(FrameRecordLimits limits) {
        this.fields = limits.fields();
        Set<FrameEncoding> allowed = EnumSet.noneOf(FrameEncoding.class);
        for (ImageEncoding e : limits.allowedEncodings()) {
            allowed.add(encoding(e));
        }
        long side = FrameLimits.defaults().maxSide();
        this.decoder = new FrameDecoder(new FrameLimits(
                limits.maxBytes(), limits.maxPixels(), (int) Math.min(side, limits.maxPixels()), allowed));
    }

    @Override
    public RgbImage decode(CameraFrame frame) throws DeadLetterException {
        ByteBuffer buf = frame.getImage();
        byte[] bytes = new byte[buf.remaining()];
        buf.duplicate().get(bytes);
        try {
            return decoder.decode(encoding(frame.getEncoding()), frame.getWidth(), frame.getHeight(), bytes);
        } catch (FrameRejectedException e) {
            throw new DeadLetterException(RejectReason.valueOf(e.reason().name()), e.getMessage(), e);
        }
    }

    @Override
    public FieldLimits fields() {
        return fields;
    }

    private static FrameEncoding encoding(ImageEncoding e) {
        return e == null ? FrameEncoding.UNKNOWN : FrameEncoding.valueOf(e.name());
    }
}
