package io.ultraline.frame;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes one compressed format (PNG or JPEG) with javax.imageio, in the order that keeps a bad
 * frame cheap: the container walk first (signature, structure, truncation), then only the
 * header's size, checked against the limits and the declared size, and only then the pixels.
 *
 * <p>Thread-safe: the reader provider is resolved once and is stateless; each call creates its
 * own reader and stream and disposes of them. Every exception ImageIO throws, checked or not,
 * and every warning it reports, becomes a {@link FrameRejectedException}: the container walk has
 * already proved the data complete, so what the decoder still trips over is corruption.
 */
final class ImageIoDecoder {

    private static final int WARNINGS_SHOWN = 3;

    private final FrameEncoding encoding;
    private final Consumer<byte[]> structure;
    private final ImageReaderSpi provider;

    private ImageIoDecoder(FrameEncoding encoding, String formatName, Consumer<byte[]> structure) {
        this.encoding = encoding;
        this.structure = structure;
        this.provider = provider(formatName);
    }

    static ImageIoDecoder png() {
        return new ImageIoDecoder(FrameEncoding.PNG, "png", PngStructure::check);
    }

    static ImageIoDecoder jpeg() {
        return new ImageIoDecoder(FrameEncoding.JPEG, "jpeg", JpegStructure::check);
    }

    RgbImage decode(byte[] bytes, int declaredWidth, int declaredHeight, FrameLimits limits) {
        structure.accept(bytes);
        ImageReader reader = newReader();
        Warnings warnings = new Warnings();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            reader.addIIOReadWarningListener(warnings);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (!limits.fits(width, height)) {
                throw new FrameRejectedException(FrameRejection.DECOMPRESSION_BOMB, encoding + " header claims "
                        + width + "x" + height + " pixels in " + bytes.length + " bytes, over the limits ("
                        + limits.maxSide() + " a side, " + limits.maxPixels() + " pixels); not decoded");
            }
            if (width != declaredWidth || height != declaredHeight) {
                throw new FrameRejectedException(FrameRejection.DIMENSION_MISMATCH, encoding + " header says "
                        + width + "x" + height + " but the frame declares " + declaredWidth + "x" + declaredHeight);
            }
            Iterator<?> types = reader.getImageTypes(0);
            if (!types.hasNext()) {
                throw new FrameRejectedException(FrameRejection.UNSUPPORTED_ENCODING,
                        encoding + " of a colour type the JDK's decoder cannot produce");
            }
            BufferedImage image = reader.read(0);
            warnings.rejectIfAny();
            if (image.getWidth() != width || image.getHeight() != height) {
                throw corrupt("decoder returned " + image.getWidth() + "x" + image.getHeight()
                        + " after its header said " + width + "x" + height, null);
            }
            return RasterPixels.toRgb(image, encoding);
        } catch (FrameRejectedException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // a warning often explains the exception that follows it
            throw corrupt(describe(e) + warnings.suffix(), e);
        } finally {
            reader.dispose();
        }
    }

    private ImageReader newReader() {
        try {
            return provider.createReaderInstance();
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a " + encoding + " reader from " + provider, e);
        }
    }

    private FrameRejectedException corrupt(String detail, Throwable cause) {
        return new FrameRejectedException(FrameRejection.IMAGE_CORRUPT, encoding + " could not be decoded: " + detail,
                cause);
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /**
     * The JDK's own reader where there is one, so decoding does not change when a plugin jar
     * joins the classpath; otherwise the first reader registered for the format.
     */
    private static ImageReaderSpi provider(String formatName) {
        ImageReaderSpi chosen = null;
        for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(formatName); it.hasNext(); ) {
            ImageReader candidate = it.next();
            ImageReaderSpi spi = candidate.getOriginatingProvider();
            candidate.dispose();
            if (spi == null) {
                continue;
            }
            if (chosen == null || spi.getClass().getName().startsWith("com.sun.imageio.")) {
                chosen = spi;
            }
        }
        if (chosen == null) {
            throw new IllegalStateException("this JVM has no ImageIO reader for " + formatName);
        }
        return chosen;
    }

    /**
     * Collects the decoder's warnings. The JDK's JPEG reader reports truncated or damaged scan
     * data only as a warning and returns an image whose missing part is grey, which must not reach
     * the model as if it were a real frame.
     */
    private final class Warnings implements IIOReadWarningListener {

        private final List<String> shown = new ArrayList<>();
        private int count;

        @Override
        public void warningOccurred(ImageReader source, String warning) {
            count++;
            if (shown.size() < WARNINGS_SHOWN) {
                shown.add(warning);
            }
        }

        void rejectIfAny() {
            if (count > 0) {
                throw corrupt("the decoder reported damaged data" + suffix(), null);
            }
        }

        String suffix() {
            if (count == 0) {
                return "";
            }
            String more = count > shown.size() ? " and " + (count - shown.size()) + " more" : "";
            return " (warnings: " + String.join("; ", shown) + more + ")";
        }
    }
}
