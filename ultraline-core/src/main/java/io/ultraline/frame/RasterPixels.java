package io.ultraline.frame;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Turns a decoded image into RGB floats from its stored sample values, without a colour
 * conversion. {@code BufferedImage.getRGB} would convert, and for grayscale it is wrong for
 * frames: Java's gray colour space is linear, so a stored 128 comes back as 188. Gray becomes
 * R = G = B; palettes are looked up; 16-bit samples keep their precision; alpha is dropped (a
 * frame shows what the camera saw, not a composite).
 */
final class RasterPixels {

    private RasterPixels() {}

    static RgbImage toRgb(BufferedImage image, FrameEncoding encoding) {
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        int width = image.getWidth();
        int height = image.getHeight();
        float[] out = new float[width * height * 3];
        if (model instanceof IndexColorModel palette) {
            fromPalette(raster, palette, width, height, out);
        } else {
            fromComponents(raster, model, encoding, width, height, out);
        }
        return new RgbImage(width, height, out);
    }

    private static void fromPalette(Raster raster, IndexColorModel palette, int width, int height, float[] out) {
        int size = palette.getMapSize();
        float[][] rgb = new float[3][size];
        for (int i = 0; i < size; i++) {
            rgb[0][i] = palette.getRed(i) / 255f;
            rgb[1][i] = palette.getGreen(i) / 255f;
            rgb[2][i] = palette.getBlue(i) / 255f;
        }
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, width, 1, 0, row);
            for (int x = 0; x < width; x++) {
                int index = row[x];
                if (index >= size) {
                    throw new FrameRejectedException(
                            DecodeFailure.IMAGE_CORRUPT,
                            "palette index " + index + " at (" + x + ", " + y + ") is outside the " + size
                                    + "-entry palette");
                }
                int o = 3 * (y * width + x);
                out[o] = rgb[0][index];
                out[o + 1] = rgb[1][index];
                out[o + 2] = rgb[2][index];
            }
        }
    }

    private static void fromComponents(
            Raster raster, ColorModel model, FrameEncoding encoding, int width, int height, float[] out) {
        int space = model.getColorSpace().getType();
        int colours = model.getNumColorComponents();
        boolean gray = space == ColorSpace.TYPE_GRAY && colours == 1;
        boolean rgb = space == ColorSpace.TYPE_RGB && colours == 3;
        if (!gray && !rgb) {
            throw new FrameRejectedException(
                    DecodeFailure.UNSUPPORTED_ENCODING,
                    encoding + " decoded to " + colours + " components in " + spaceName(space)
                            + "; only gray and RGB are supported");
        }
        int bands = raster.getNumBands();
        float[][] levels = new float[colours][];
        for (int c = 0; c < colours; c++) {
            levels[c] = levels(raster.getSampleModel().getSampleSize(c), encoding);
        }
        int[] row = new int[width * bands];
        for (int y = 0; y < height; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, width, 1, row);
            for (int x = 0; x < width; x++) {
                int in = x * bands;
                int o = 3 * (y * width + x);
                if (gray) {
                    float v = levels[0][row[in]];
                    out[o] = v;
                    out[o + 1] = v;
                    out[o + 2] = v;
                } else {
                    out[o] = levels[0][row[in]];
                    out[o + 1] = levels[1][row[in + 1]];
                    out[o + 2] = levels[2][row[in + 2]];
                }
            }
        }
    }

    /** Levels of 1 to 8 bits, built once: a table lookup instead of a division per sample. */
    private static final float[][] SMALL_LEVELS = tables(1, 8);

    /** Levels of 9 to 16 bits (half a megabyte), built when the first such frame arrives. */
    private static final class WideLevels {
        static final float[][] TABLES = tables(9, 16);
    }

    private static float[][] tables(int fromBits, int toBits) {
        float[][] tables = new float[toBits + 1][];
        for (int bits = fromBits; bits <= toBits; bits++) {
            tables[bits] = divided(bits);
        }
        return tables;
    }

    /**
     * The float of every sample value of {@code bits} bits: the value divided by the largest one,
     * as the raw path and {@code RgbImage.of} divide (not multiplied by a reciprocal), so the same
     * pixel gives the same float whichever way it arrived.
     */
    private static float[] levels(int bits, FrameEncoding encoding) {
        if (bits < 1 || bits > 16) {
            throw new FrameRejectedException(
                    DecodeFailure.UNSUPPORTED_ENCODING, encoding + " with " + bits + "-bit samples is not supported");
        }
        return bits <= 8 ? SMALL_LEVELS[bits] : WideLevels.TABLES[bits];
    }

    private static float[] divided(int bits) {
        float max = (1 << bits) - 1;
        float[] levels = new float[1 << bits];
        for (int v = 0; v < levels.length; v++) {
            levels[v] = v / max;
        }
        return levels;
    }

    private static String spaceName(int type) {
        return switch (type) {
            case ColorSpace.TYPE_CMYK -> "CMYK";
            case ColorSpace.TYPE_YCbCr -> "YCbCr";
            case ColorSpace.TYPE_GRAY -> "gray";
            case ColorSpace.TYPE_RGB -> "RGB";
            default -> "colour space type " + type;
        };
    }
}
