package io.ultraline.synth;

import java.awt.image.BufferedImage;

/** Pixel statistics for the tests. */
final class Pixels {

    private Pixels() {}

    static int[] rgb(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    /** Largest channel difference (0..255) per pixel. */
    static int[] maxChannelDiff(BufferedImage a, BufferedImage b) {
        int[] p = rgb(a);
        int[] q = rgb(b);
        int[] d = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            for (int s = 0; s < 24; s += 8) {
                d[i] = Math.max(d[i], Math.abs(((p[i] >> s) & 255) - ((q[i] >> s) & 255)));
            }
        }
        return d;
    }

    static double[] luma(BufferedImage img) {
        int[] p = rgb(img);
        double[] l = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            l[i] = (0.299 * ((p[i] >> 16) & 255) + 0.587 * ((p[i] >> 8) & 255) + 0.114 * (p[i] & 255)) / 255;
        }
        return l;
    }

    static double std(double[] v) {
        double m = 0;
        for (double x : v) {
            m += x;
        }
        m /= v.length;
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / v.length);
    }

    /** Mean absolute difference of the b x b block means, channels on [0, 1]. */
    static double blockMad(BufferedImage a, BufferedImage c, int b) {
        double[] p = blocks(a, b);
        double[] q = blocks(c, b);
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            s += Math.abs(p[i] - q[i]);
        }
        return s / p.length;
    }

    private static double[] blocks(BufferedImage img, int b) {
        int n = img.getWidth();
        int m = n / b;
        double[] out = new double[m * m * 3];
        int[] p = rgb(img);
        for (int y = 0; y < m * b; y++) {
            for (int x = 0; x < m * b; x++) {
                for (int c = 0; c < 3; c++) {
                    out[3 * ((y / b) * m + x / b) + c] += ((p[y * n + x] >> (16 - 8 * c)) & 255) / 255.0 / (b * b);
                }
            }
        }
        return out;
    }
}
