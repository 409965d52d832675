package io.ultraline.synth;

/** An axis-aligned pixel rectangle: top-left corner and size, all in frame pixels. */
public record Box(int x, int y, int width, int height) {

    public Box {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("box size must not be negative: " + width + "x" + height);
        }
    }

    /** The tight box around the set pixels of a {@code size * size} mask, or null when none is set. */
    static Box around(boolean[] mask, int size) {
        int x0 = size, y0 = size, x1 = -1, y1 = -1;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                int x = i % size;
                int y = i / size;
                x0 = Math.min(x0, x);
                y0 = Math.min(y0, y);
                x1 = Math.max(x1, x);
                y1 = Math.max(y1, y);
            }
        }
        return x1 < 0 ? null : new Box(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
    }

    public boolean contains(int px, int py) {
        return px >= x && py >= y && px < x + width && py < y + height;
    }
}
