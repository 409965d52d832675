package io.ultraline.synth;

/** A label map drawn in texture units: filled rectangles, thick lines and discs. */
final class Plot {

    final byte[] label;
    final int size;
    final double unitPx;

    Plot(byte[] label, int size, double unitPx) {
        this.label = label;
        this.size = size;
        this.unitPx = unitPx;
    }

    void rect(double x0, double y0, double x1, double y1, byte value) {
        for (int y = px(y0); y < px(y1); y++) {
            for (int x = px(x0); x < px(x1); x++) {
                set(x, y, value);
            }
        }
    }

    void disc(double cx, double cy, double radius, byte value) {
        line(cx, cy, cx, cy, 2 * radius, value);
    }

    /** The border of a rectangle, {@code width} thick, drawn inside it. */
    void outline(double x0, double y0, double x1, double y1, double width, byte value) {
        rect(x0, y0, x1, y0 + width, value);
        rect(x0, y1 - width, x1, y1, value);
        rect(x0, y0, x0 + width, y1, value);
        rect(x1 - width, y0, x1, y1, value);
    }

    /** A segment of the given width with round caps. */
    void line(double ax, double ay, double bx, double by, double width, byte value) {
        line(ax, ay, bx, by, width, value, (byte) -1);
    }

    /** A segment that only paints pixels labelled {@code onlyOver} (any pixel when negative). */
    void line(double ax, double ay, double bx, double by, double width, byte value, byte onlyOver) {
        double half = width / 2;
        int x0 = px(Math.min(ax, bx) - half);
        int x1 = px(Math.max(ax, bx) + half) + 1;
        int y0 = px(Math.min(ay, by) - half);
        int y1 = px(Math.max(ay, by) + half) + 1;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                double u = (x + 0.5) / unitPx;
                double v = (y + 0.5) / unitPx;
                if (Shapes.segmentDistance(u, v, ax, ay, bx, by) <= half && (onlyOver < 0 || at(x, y) == onlyOver)) {
                    set(x, y, value);
                }
            }
        }
    }

    private int px(double units) {
        return (int) Math.round(units * unitPx);
    }

    private int at(int x, int y) {
        return x >= 0 && y >= 0 && x < size && y < size ? label[y * size + x] : -1;
    }

    private void set(int x, int y, byte value) {
        if (x >= 0 && y >= 0 && x < size && y < size) {
            label[y * size + x] = value;
        }
    }
}
