package io.ultraline.ultra.render;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Draws token-grid information over a frame of any size: concept labels as tinted regions with
 * outlines, a scalar map as a heatmap, a marked cell, and a caption strip below the frame.
 * A grid cell covers the pixels whose nearest-neighbour upsampling lands in it.
 */
public final class GridOverlay {

    private final BufferedImage canvas;
    private final int width;
    private final int height;
    private final int gridH;
    private final int gridW;

    /** Starts from a copy of the frame (scaled up so small frames stay readable). */
    public GridOverlay(BufferedImage frame, int gridH, int gridW, int minSide) {
        int scale = Math.max(1, (int) Math.ceil((double) minSide / Math.min(frame.getWidth(), frame.getHeight())));
        this.width = frame.getWidth() * scale;
        this.height = frame.getHeight() * scale;
        this.gridH = gridH;
        this.gridW = gridW;
        this.canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(frame, 0, 0, width, height, null);
        g.dispose();
    }

    private int cellOf(int x, int y) {
        return (y * gridH / height) * gridW + (x * gridW / width);
    }

    /** Tints each pixel with its cell's concept colour and outlines concept borders. */
    public GridOverlay concepts(int[] labels, double alpha) {
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int label = labels[cellOf(x, y)];
                int rgb = Palette.blend(canvas.getRGB(x, y) & 0xffffff, Palette.concept(label), alpha);
                boolean edge = (x + 1 < width && labels[cellOf(x + 1, y)] != label)
                        || (y + 1 < height && labels[cellOf(x, y + 1)] != label)
                        || (x > 0 && labels[cellOf(x - 1, y)] != label)
                        || (y > 0 && labels[cellOf(x, y - 1)] != label);
                canvas.setRGB(x, y, edge ? 0xffffff : rgb);
            }
        }
        return this;
    }

    /** Blends a per-cell value, normalised by [min, max], as a heatmap. */
    public GridOverlay heatmap(float[] values, double min, double max, double alpha) {
        double span = max > min ? max - min : 1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double t = (values[cellOf(x, y)] - min) / span;
                canvas.setRGB(x, y, Palette.blend(canvas.getRGB(x, y) & 0xffffff, Palette.heat(t), alpha));
            }
        }
        return this;
    }

    /** Outlines the cells where {@code mask} is set (e.g. defect regions) in a colour. */
    public GridOverlay outline(boolean[] mask, int rgb) {
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (!mask[cellOf(x, y)]) {
                    continue;
                }
                boolean edge = x == 0 || y == 0 || x == width - 1 || y == height - 1
                        || !mask[cellOf(x + 1, y)] || !mask[cellOf(x - 1, y)]
                        || !mask[cellOf(x, y + 1)] || !mask[cellOf(x, y - 1)];
                if (edge) {
                    canvas.setRGB(x, y, rgb);
                }
            }
        }
        return this;
    }

    /** Draws a box around one cell. */
    public GridOverlay markCell(int cell, int rgb) {
        Graphics2D g = canvas.createGraphics();
        g.setColor(new Color(rgb));
        int cy = cell / gridW;
        int cx = cell % gridW;
        int x0 = cx * width / gridW;
        int y0 = cy * height / gridH;
        int x1 = (cx + 1) * width / gridW - 1;
        int y1 = (cy + 1) * height / gridH - 1;
        g.drawRect(x0, y0, x1 - x0, y1 - y0);
        g.drawRect(x0 + 1, y0 + 1, x1 - x0 - 2, y1 - y0 - 2);
        g.dispose();
        return this;
    }

    /** The picture with caption lines in a strip below it. */
    public BufferedImage withCaption(List<String> lines) {
        int lineHeight = 16;
        BufferedImage out = new BufferedImage(width, height + lineHeight * lines.size() + 6, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(canvas, 0, 0, null);
        g.setColor(new Color(0x202020));
        g.fillRect(0, height, width, out.getHeight() - height);
        g.setColor(Color.WHITE);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i < lines.size(); i++) {
            g.drawString(lines.get(i), 4, height + 14 + i * lineHeight);
        }
        g.dispose();
        return out;
    }

    public BufferedImage image() {
        return canvas;
    }
}
