package io.ultraline.frame;

import java.awt.image.BufferedImage;

/**
 * An RGB image as floats in [0, 1], row-major HWC. Independent of java.awt so the same pixels
 * come out of PNG, JPEG or raw frames.
 */
public record RgbImage(int width, int height, float[] pixels) {

    public RgbImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (pixels.length != width * height * 3) {
            throw new IllegalArgumentException("expected " + width * height * 3 + " values for " + width + "x" + height
                    + " RGB, got " + pixels.length);
        }
    }

    public static RgbImage of(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        float[] px = new float[w * h * 3];
        for (int i = 0; i < argb.length; i++) {
            int c = argb[i];
            px[3 * i] = ((c >> 16) & 0xff) / 255f;
            px[3 * i + 1] = ((c >> 8) & 0xff) / 255f;
            px[3 * i + 2] = (c & 0xff) / 255f;
        }
        return new RgbImage(w, h, px);
    }

    public BufferedImage toBufferedImage() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] argb = new int[width * height];
        for (int i = 0; i < argb.length; i++) {
            argb[i] = (to8(pixels[3 * i]) << 16) | (to8(pixels[3 * i + 1]) << 8) | to8(pixels[3 * i + 2]);
        }
        img.setRGB(0, 0, width, height, argb, 0, width);
        return img;
    }

    private static int to8(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255f)));
    }
}
