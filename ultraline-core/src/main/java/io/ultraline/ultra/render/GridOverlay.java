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
 *
 * <p>Memory is bounded whatever the frame's shape: the canvas is the frame scaled up (by a whole
 * factor, so pixels stay sharp) until its short side reaches {@code minSide}, but never past
 * {@link #MAX_CANVAS_SIDE} a side nor {@link #MAX_CANVAS_PIXELS} in all; larger frames are scaled
 * down to fit. A 16384 x 2 frame becomes a 4096 x 1 canvas, not a 3-gigapixel one. Per-cell
 * arrays whose length does not match the grid are refused with an {@link IllegalArgumentException}
 * naming both, before anything is drawn.
 */
public final class GridOverlay {

    /** Most pixels a canvas may have: 2048 x 2048, 16 MiB as 32-bit RGB. */
    public static final long MAX_CANVAS_PIXELS = 2048L * 2048L;
    /** Longest canvas side: wider than any screen that shows an overlay. */
    public static final int MAX_CANVAS_SIDE = 4096;
    /** Longest caption line, in characters; longer ones end in an ellipsis (ids can be long). */
    public static final int MAX_CAPTION_CHARS = 120;
    /** Narrowest caption strip, so a canvas of a very tall, thin frame still has a readable caption. */
    static final int MIN_CAPTION_WIDTH = 320;

    private final BufferedImage canvas;
    private final int width;
    private final int height;
    private final int gridH;
    private final int gridW;

    /** Starts from a copy of the frame (scaled up so small frames stay readable, down so big ones fit). */
    public GridOverlay(BufferedImage frame, int gridH, int gridW, int minSide) {
        if (gridH <= 0 || gridW <= 0) {
            throw new IllegalArgumentException("grid must be positive, got " + gridH + "x" + gridW);
        }
        double scale = canvasScale(frame.getWidth(), frame.getHeight(), minSide);
        this.width = Math.max(1, (int) Math.round(frame.getWidth() * scale));
        this.height = Math.max(1, (int) Math.round(frame.getHeight() * scale));
        this.gridH = gridH;
        this.gridW = gridW;
        this.canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(frame, 0, 0, width, height, null);
        g.dispose();
    }

    /**
     * The factor from frame to canvas: the whole factor that brings the short side to
     * {@code minSide}, lowered (to a whole factor where one still fits, else below 1) until the
     * canvas fits {@link #MAX_CANVAS_SIDE} and {@link #MAX_CANVAS_PIXELS}.
     */
    static double canvasScale(int frameWidth, int frameHeight, int minSide) {
        double up = Math.max(1, Math.ceil((double) minSide / Math.min(frameWidth, frameHeight)));
        double fits = Math.min(
                (double) MAX_CANVAS_SIDE / Math.max(frameWidth, frameHeight),
                Math.sqrt((double) MAX_CANVAS_PIXELS / ((double) frameWidth * frameHeight)));
        if (up <= fits) {
            return up;
        }
        return fits >= 1 ? Math.floor(fits) : fits;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    private void requireCells(String what, int length) {
        if (length != (long) gridH * gridW) {
            throw new IllegalArgumentException(what + " has " + length + " values for a " + gridH + "x" + gridW
                    + " grid of " + (long) gridH * gridW + " cells");
        }
    }

    private int cellOf(int x, int y) {
        return (y * gridH / height) * gridW + (x * gridW / width);
    }

    /** Tints each pixel with its cell's concept colour and outlines concept borders. */
    public GridOverlay concepts(int[] labels, double alpha) {
        requireCells("concept labels", labels.length);
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

    /**
     * Tints each pixel with its concept colour and outlines concept borders, from labels that cover
     * the whole frame at {@code labelW x labelH} (pixel concepts, {@code ConceptResolution}): a
     * canvas pixel takes the label of the frame pixel it falls in.
     */
    public GridOverlay conceptPixels(int[] labels, int labelW, int labelH, double alpha) {
        if (labelW < 1 || labelH < 1 || labels.length != (long) labelW * labelH) {
            throw new IllegalArgumentException("a " + labelW + "x" + labelH + " label image needs "
                    + (long) labelW * labelH + " values, got " + labels.length);
        }
        int[] col = new int[width];
        for (int x = 0; x < width; x++) {
            col[x] = (int) ((long) x * labelW / width);
        }
        int[] row = new int[height];
        for (int y = 0; y < height; y++) {
            row[y] = (int) ((long) y * labelH / height) * labelW;
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int label = labels[row[y] + col[x]];
                int rgb = Palette.blend(canvas.getRGB(x, y) & 0xffffff, Palette.concept(label), alpha);
                boolean edge = (x + 1 < width && labels[row[y] + col[x + 1]] != label)
                        || (y + 1 < height && labels[row[y + 1] + col[x]] != label)
                        || (x > 0 && labels[row[y] + col[x - 1]] != label)
                        || (y > 0 && labels[row[y - 1] + col[x]] != label);
                canvas.setRGB(x, y, edge ? 0xffffff : rgb);
            }
        }
        return this;
    }

    /** Blends a per-cell value, normalised by [min, max], as a heatmap. */
    public GridOverlay heatmap(float[] values, double min, double max, double alpha) {
        requireCells("heatmap", values.length);
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
        requireCells("mask", mask.length);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (!mask[cellOf(x, y)]) {
                    continue;
                }
                boolean edge = x == 0
                        || y == 0
                        || x == width - 1
                        || y == height - 1
                        || !mask[cellOf(x + 1, y)]
                        || !mask[cellOf(x - 1, y)]
                        || !mask[cellOf(x, y + 1)]
                        || !mask[cellOf(x, y - 1)];
                if (edge) {
                    canvas.setRGB(x, y, rgb);
                }
            }
        }
        return this;
    }

    /**
     * Outlines a pixel mask that covers the whole frame at {@code maskW x maskH} (the frame's own
     * size, or the model input's): a canvas pixel takes the mask pixel it falls in, so the outline
     * follows the defect, not the token grid.
     */
    public GridOverlay outlinePixels(boolean[] mask, int maskW, int maskH, int rgb) {
        if (maskW < 1 || maskH < 1 || mask.length != (long) maskW * maskH) {
            throw new IllegalArgumentException("a " + maskW + "x" + maskH + " pixel mask needs " + (long) maskW * maskH
                    + " values, got " + mask.length);
        }
        int[] col = new int[width];
        for (int x = 0; x < width; x++) {
            col[x] = (int) ((long) x * maskW / width);
        }
        for (int y = 0; y < height; y++) {
            int row = (int) ((long) y * maskH / height) * maskW;
            int up = y == 0 ? -1 : (int) ((long) (y - 1) * maskH / height) * maskW;
            int down = y == height - 1 ? -1 : (int) ((long) (y + 1) * maskH / height) * maskW;
            for (int x = 0; x < width; x++) {
                if (!mask[row + col[x]]) {
                    continue;
                }
                boolean edge = x == 0
                        || x == width - 1
                        || up < 0
                        || down < 0
                        || !mask[row + col[x - 1]]
                        || !mask[row + col[x + 1]]
                        || !mask[up + col[x]]
                        || !mask[down + col[x]];
                if (edge) {
                    canvas.setRGB(x, y, rgb);
                }
            }
        }
        return this;
    }

    /** Draws a box around one cell. */
    public GridOverlay markCell(int cell, int rgb) {
        if (cell < 0 || cell >= (long) gridH * gridW) {
            throw new IllegalArgumentException("cell " + cell + " is outside the " + gridH + "x" + gridW + " grid");
        }
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

    /** The picture with caption lines in a strip below it (lines cut to {@link #MAX_CAPTION_CHARS}). */
    public BufferedImage withCaption(List<String> lines) {
        int lineHeight = 16;
        int outWidth = Math.max(width, MIN_CAPTION_WIDTH);
        BufferedImage out =
                new BufferedImage(outWidth, height + lineHeight * lines.size() + 6, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(new Color(0x202020));
        g.fillRect(0, 0, outWidth, out.getHeight());
        g.drawImage(canvas, 0, 0, null);
        g.setColor(Color.WHITE);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i < lines.size(); i++) {
            g.drawString(cut(lines.get(i)), 4, height + 14 + i * lineHeight);
        }
        g.dispose();
        return out;
    }

    private static String cut(String line) {
        return line.length() <= MAX_CAPTION_CHARS ? line : line.substring(0, MAX_CAPTION_CHARS - 1) + "\u2026";
    }

    public BufferedImage image() {
        return canvas;
    }
}
