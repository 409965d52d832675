package io.ultraline.loadtest;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A line chart drawn with Java2D into a PNG: series over a shared x axis (seconds), labelled axes
 * with round-number ticks, a legend, and vertical markers (a kill, the end of the warm-up).
 * Points with a negative y are gaps (no value in that second).
 */
final class LinePlot {

    /** One line; {@code x} and {@code y} have the same length. */
    record Series(String name, Color color, double[] x, double[] y) {
        Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException(
                        "series " + name + ": " + x.length + " x values, " + y.length + " y");
            }
        }
    }

    /** A vertical line at {@code x} with a label. */
    record Marker(double x, String label) {}

    static final Color[] PALETTE = {
        new Color(0x1f77b4),
        new Color(0xd62728),
        new Color(0x2ca02c),
        new Color(0xff7f0e),
        new Color(0x9467bd),
        new Color(0x8c564b)
    };

    private static final int W = 960;
    private static final int H = 420;
    private static final int LEFT = 80;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();

    LinePlot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    LinePlot add(Series s) {
        series.add(s);
        return this;
    }

    LinePlot mark(Marker m) {
        markers.add(m);
        return this;
    }

    BufferedImage render() {
        double xMax = 1;
        double yMax = 1;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                xMax = Math.max(xMax, s.x()[i]);
                yMax = Math.max(yMax, s.y()[i]);
            }
        }
        for (Marker m : markers) {
            xMax = Math.max(xMax, m.x());
        }
        double xStep = niceStep(xMax / 8);
        double yStep = niceStep(yMax / 6);
        xMax = Math.ceil(xMax / xStep) * xStep;
        yMax = Math.ceil(yMax * 1.05 / yStep) * yStep;

        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, W, H);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            FontMetrics fm = g.getFontMetrics();
            int pw = W - LEFT - RIGHT;
            int ph = H - TOP - BOTTOM;
            // grid and ticks
            for (double y = 0; y <= yMax + 1e-9; y += yStep) {
                int py = TOP + ph - (int) Math.round(y / yMax * ph);
                g.setColor(new Color(0xe6e6e6));
                g.drawLine(LEFT, py, LEFT + pw, py);
                g.setColor(Color.DARK_GRAY);
                String t = tick(y, yStep);
                g.drawString(t, LEFT - 6 - fm.stringWidth(t), py + fm.getAscent() / 2 - 1);
            }
            for (double x = 0; x <= xMax + 1e-9; x += xStep) {
                int px = LEFT + (int) Math.round(x / xMax * pw);
                g.setColor(new Color(0xf0f0f0));
                g.drawLine(px, TOP, px, TOP + ph);
                g.setColor(Color.DARK_GRAY);
                String t = tick(x, xStep);
                g.drawString(t, px - fm.stringWidth(t) / 2, TOP + ph + fm.getAscent() + 4);
            }
            g.setColor(Color.BLACK);
            g.drawRect(LEFT, TOP, pw, ph);
            g.drawString(xLabel, LEFT + pw / 2 - fm.stringWidth(xLabel) / 2, H - 10);
            Graphics2D rotated = (Graphics2D) g.create();
            rotated.rotate(-Math.PI / 2);
            rotated.drawString(yLabel, -(TOP + ph / 2) - fm.stringWidth(yLabel) / 2, 18);
            rotated.dispose();
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(title, LEFT, TOP - 14);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));

            for (int i = 0; i < markers.size(); i++) {
                Marker m = markers.get(i);
                int px = LEFT + (int) Math.round(m.x() / xMax * pw);
                g.setColor(new Color(0x555555));
                g.setStroke(new BasicStroke(
                        1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
                g.drawLine(px, TOP, px, TOP + ph);
                g.drawString(m.label(), px + 4, TOP + 14 + 14 * i); // staggered: markers may be close
            }
            g.setStroke(new BasicStroke(2f));
            g.setClip(LEFT, TOP, pw + 1, ph + 1);
            for (Series s : series) {
                g.setColor(s.color());
                Path2D.Double path = new Path2D.Double();
                boolean pen = false;
                for (int i = 0; i < s.x().length; i++) {
                    if (s.y()[i] < 0) {
                        pen = false;
                        continue;
                    }
                    double px = LEFT + s.x()[i] / xMax * pw;
                    double py = TOP + ph - s.y()[i] / yMax * ph;
                    if (pen) {
                        path.lineTo(px, py);
                    } else {
                        path.moveTo(px, py);
                        pen = true;
                    }
                }
                g.draw(path);
            }
            g.setClip(null);
            int ly = TOP + 8;
            for (Series s : series) {
                int lx = LEFT + pw - 10 - fm.stringWidth(s.name()) - 26;
                g.setColor(s.color());
                g.fillRect(lx, ly + 4, 20, 4);
                g.setColor(Color.BLACK);
                g.drawString(s.name(), lx + 26, ly + fm.getAscent());
                ly += fm.getHeight() + 2;
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    void write(Path file) throws IOException {
        if (!ImageIO.write(render(), "png", file.toFile())) {
            throw new IOException("no PNG writer");
        }
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    static double niceStep(double raw) {
        if (!(raw > 0)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= raw) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static String tick(double v, double step) {
        return step >= 1 ? Long.toString(Math.round(v)) : String.format("%.2f", v);
    }
}
