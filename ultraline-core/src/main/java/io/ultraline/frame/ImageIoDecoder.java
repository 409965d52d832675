package io.ultraline.frame;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes one compressed format (PNG or JPEG) with one javax.imageio reader, after the container
 * walk ({@link PngStructure}, {@link JpegStructure}) has passed: only the header's size first,
 * checked against the limits and the declared size, and only then the pixels.
 *
 * <p>Thread-safe: the reader provider is resolved once and is stateless; each call creates its
 * own reader and stream and disposes of them. Every exception ImageIO throws, checked or not,
 * and every warning it reports, becomes a {@link FrameRejectedException}: the container walk has
 * already proved the data complete, so what the decoder still trips over is corruption.
 */
final class ImageIoDecoder {

    /** Class of the TwelveMonkeys JPEG reader, the one that reads four-component (CMYK, YCCK) files. */
    static final String FOUR_COMPONENT_JPEG_READER = "com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi";

    private static final int WARNINGS_SHOWN = 3;

    /**
     * The one warning of TwelveMonkeys' reader that says nothing about damage: a CMYK file
     * without an ICC profile is converted with the reader's default profile, as most CMYK
     * cameras' files must be.
     */
    private static final String NO_CMYK_PROFILE = "No embedded ICC color profile";

    private final FrameEncoding encoding;
    private final ImageReaderSpi provider;
    private final Predicate<String> harmless;

    private ImageIoDecoder(FrameEncoding encoding, ImageReaderSpi provider, Predicate<String> harmless) {
        this.encoding = encoding;
        this.provider = provider;
        this.harmless = harmless;
    }

    private ImageIoDecoder(FrameEncoding encoding, ImageReaderSpi provider) {
        this(encoding, provider, warning -> false);
    }

    static ImageIoDecoder png() {
        return new ImageIoDecoder(FrameEncoding.PNG, jdkProvider("png"));
    }

    /** The JDK's JPEG reader, for gray and three-component files: what every frame got so far. */
    static ImageIoDecoder jpeg() {
        return new ImageIoDecoder(FrameEncoding.JPEG, jdkProvider("jpeg"));
    }

    /**
     * TwelveMonkeys' JPEG reader, for four-component files only. The JDK's reader returns their
     * raw ink samples, which no colour-blind conversion turns into the right RGB (Adobe files
     * store them inverted, YCCK needs its own transform); this one applies the Adobe transform
     * and an embedded or default CMYK profile. It is kept off the other files so their pixels do
     * not change with the plugin.
     */
    static ImageIoDecoder fourComponentJpeg() {
        return new ImageIoDecoder(
                FrameEncoding.JPEG,
                registeredProvider(FOUR_COMPONENT_JPEG_READER),
                warning -> warning != null && warning.startsWith(NO_CMYK_PROFILE));
    }

    /** Decodes {@code bytes}, whose container structure has been checked already. */
    RgbImage decode(byte[] bytes, int declaredWidth, int declaredHeight, FrameLimits limits) {
        ImageReader reader = newReader();
        Warnings warnings = new Warnings();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            reader.addIIOReadWarningListener(warnings);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (!limits.fits(width, height)) {
                throw new FrameRejectedException(
                        DecodeFailure.DECOMPRESSION_BOMB,
                        encoding + " header claims "
                                + width + "x" + height + " pixels in " + bytes.length + " bytes, over the limits ("
                                + limits.maxSide() + " a side, " + limits.maxPixels() + " pixels); not decoded");
            }
            if (width != declaredWidth || height != declaredHeight) {
                throw new FrameRejectedException(
                        DecodeFailure.DIMENSION_MISMATCH,
                        encoding + " header says " + width + "x" + height + " but the frame declares " + declaredWidth
                                + "x" + declaredHeight);
            }
            Iterator<?> types = reader.getImageTypes(0);
            if (!types.hasNext()) {
                throw new FrameRejectedException(
                        DecodeFailure.UNSUPPORTED_ENCODING,
                        encoding + " of a colour type the JDK's decoder cannot produce");
            }
            BufferedImage image = reader.read(0);
            warnings.rejectIfAny();
            if (image.getWidth() != width || image.getHeight() != height) {
                throw corrupt(
                        "decoder returned " + image.getWidth() + "x" + image.getHeight() + " after its header said "
                                + width + "x" + height,
                        null);
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
        return new FrameRejectedException(
                DecodeFailure.IMAGE_CORRUPT, encoding + " could not be decoded: " + detail, cause);
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /**
     * The JDK's own reader where there is one, so decoding does not change when a plugin jar
     * joins the classpath; otherwise the first reader registered for the format.
     */
    private static ImageReaderSpi jdkProvider(String formatName) {
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
     * The provider of class {@code className} as ImageIO registered it. Taken from the registry,
     * not constructed: a plugin provider may find its delegates when it is registered.
     */
    private static ImageReaderSpi registeredProvider(String className) {
        for (Iterator<ImageReaderSpi> it =
                        IIORegistry.getDefaultInstance().getServiceProviders(ImageReaderSpi.class, true);
                it.hasNext(); ) {
            ImageReaderSpi spi = it.next();
            if (spi.getClass().getName().equals(className)) {
                return spi;
            }
        }
        throw new IllegalStateException("ImageIO has no reader " + className
                + " registered; is com.twelvemonkeys.imageio:imageio-jpeg on the classpath?");
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
            if (harmless.test(warning)) {
                return;
            }
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
