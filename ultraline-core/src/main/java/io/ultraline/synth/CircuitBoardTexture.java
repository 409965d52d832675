package io.ultraline.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A populated circuit board under solder mask: parallel trace buses and routed traces (copper
 * showing lighter through the mask), ICs with rows of tinned pads, two-pad passives, vias and
 * white silkscreen outlines. The layout is drawn as a label map in texture units, then coloured.
 */
final class CircuitBoardTexture implements SurfaceTexture {

    private static final byte MASK = 0, TRACE = 1, PAD = 2, HOLE = 3, SILK = 4, CHIP = 5, PART = 6;

    @Override
    public void render(float[] rgb, int size, SplittableRandom r, SceneParams p) {
        Plot plot = new Plot(new byte[size * size], size, p.unitPx());
        double extent = size / p.unitPx();
        List<double[]> taken = new ArrayList<>();
        List<double[]> pads = new ArrayList<>();
        for (int bus = 0; bus < 2; bus++) {
            double y = extent * (0.2 + 0.6 * r.nextDouble());
            double jog = extent * (0.3 + 0.4 * r.nextDouble());
            for (int k = 0; k < 4 + r.nextInt(3); k++) {
                double yy = y + 3.2 * k;
                plot.line(0, yy, jog, yy, 1.1, TRACE);
                plot.line(jog, yy, jog + 8, yy + 8, 1.1, TRACE);
                plot.line(jog + 8, yy + 8, extent, yy + 8, 1.1, TRACE);
            }
        }
        for (int n = 0; n < 60 && taken.size() < 16; n++) {
            boolean chip = taken.size() < 2 && n < 30;
            double w = chip ? 22 + 10 * r.nextDouble() : 9;
            double h = chip ? 12 + 6 * r.nextDouble() : 4;
            boolean turn = !chip && r.nextBoolean();
            double[] box = turn ? new double[] {0, 0, h, w} : new double[] {0, 0, w, h};
            box[0] = extent * r.nextDouble() - box[2] / 2;
            box[1] = extent * r.nextDouble() - box[3] / 2;
            // A chip claims room for its pins and their fan-out stubs as well.
            double[] claim = chip ? new double[] {box[0] - 2, box[1] - 10, box[2] + 4, box[3] + 20} : box;
            if (overlaps(taken, claim, 4)) {
                continue;
            }
            taken.add(claim);
            if (chip) {
                chip(plot, box, r);
            } else {
                passive(plot, box, turn, r.nextInt(3), pads);
            }
        }
        // Routed traces go in after the parts but only over bare mask, so they end at pad edges.
        for (int t = 0; t < 12 && pads.size() > 1; t++) {
            double[] a = pads.remove(r.nextInt(pads.size()));
            double[] b = pads.get(r.nextInt(pads.size()));
            plot.line(a[0], a[1], b[0], a[1], 0.9, TRACE, MASK);
            plot.line(b[0], a[1], b[0], b[1], 0.9, TRACE, MASK);
        }
        vias(plot, taken, r);
        colour(rgb, plot.label, size, p, r);
    }

    private static void chip(Plot plot, double[] b, SplittableRandom r) {
        plot.outline(b[0] - 1.5, b[1] - 4.5, b[0] + b[2] + 1.5, b[1] + b[3] + 4.5, 0.5, SILK);
        int pin = 0;
        for (double x = b[0] + 2; x + 1.4 < b[0] + b[2]; x += 3, pin++) {
            double up = b[1] - 3.5 - (pin % 2 == 0 ? 3 : 6);
            double down = b[1] + b[3] + 3.5 + (pin % 3 == 0 ? 6 : 3);
            plot.line(x + 0.75, b[1], x + 0.75, up, 0.9, TRACE);
            plot.line(x + 0.75, b[1] + b[3], x + 0.75, down, 0.9, TRACE);
            if (r.nextInt(3) == 0) {
                via(plot, x + 0.75, up);
            }
            if (r.nextInt(3) == 0) {
                via(plot, x + 0.75, down);
            }
            plot.rect(x, b[1] - 3.5, x + 1.5, b[1] + 1, PAD);
            plot.rect(x, b[1] + b[3] - 1, x + 1.5, b[1] + b[3] + 3.5, PAD);
        }
        plot.rect(b[0], b[1], b[0] + b[2], b[1] + b[3], CHIP);
        plot.disc(b[0] + 2.5, b[1] + 2.5, 1, MASK);
    }

    private static void passive(Plot plot, double[] b, boolean turn, int kind, List<double[]> pads) {
        plot.outline(b[0] - 1.2, b[1] - 1.2, b[0] + b[2] + 1.2, b[1] + b[3] + 1.2, 0.5, SILK);
        double[] a = turn
                ? new double[] {b[0], b[1], b[0] + b[2], b[1] + 3}
                : new double[] {b[0], b[1], b[0] + 3, b[1] + b[3]};
        double[] c = turn
                ? new double[] {b[0], b[1] + b[3] - 3, b[0] + b[2], b[1] + b[3]}
                : new double[] {b[0] + b[2] - 3, b[1], b[0] + b[2], b[1] + b[3]};
        plot.rect(a[0], a[1], a[2], a[3], PAD);
        plot.rect(c[0], c[1], c[2], c[3], PAD);
        pads.add(new double[] {(a[0] + a[2]) / 2, (a[1] + a[3]) / 2});
        if (kind > 0) {
            byte body = kind == 1 ? PART : CHIP;
            plot.rect(
                    turn ? b[0] + 0.4 : b[0] + 1.8,
                    turn ? b[1] + 1.8 : b[1] + 0.4,
                    turn ? b[0] + b[2] - 0.4 : b[0] + b[2] - 1.8,
                    turn ? b[1] + b[3] - 1.8 : b[1] + b[3] - 0.4,
                    body);
        }
    }

    private static void vias(Plot plot, List<double[]> taken, SplittableRandom r) {
        double extent = plot.size / plot.unitPx;
        for (int n = 0; n < 14; n++) {
            double[] via = {extent * r.nextDouble(), extent * r.nextDouble(), 0, 0};
            if (!overlaps(taken, via, 3)) {
                via(plot, via[0], via[1]);
            }
        }
    }

    private static void via(Plot plot, double x, double y) {
        plot.disc(x, y, 1.6, PAD);
        plot.disc(x, y, 0.7, HOLE);
    }

    private static boolean overlaps(List<double[]> taken, double[] b, double gap) {
        for (double[] o : taken) {
            if (b[0] < o[0] + o[2] + gap
                    && o[0] < b[0] + b[2] + gap
                    && b[1] < o[1] + o[3] + gap
                    && o[1] < b[1] + b[3] + gap) {
                return true;
            }
        }
        return false;
    }

    private static void colour(float[] rgb, byte[] label, int size, SceneParams p, SplittableRandom r) {
        Rgb mask = p.base();
        // Copper under the mask: the mask colour, lighter, with a little warmth from the copper.
        Rgb trace = mask.scale(1.4).mix(new Rgb(0.72f, 0.55f, 0.3f), 0.12);
        Rgb pad = r.nextBoolean() ? new Rgb(0.8f, 0.8f, 0.76f) : new Rgb(0.86f, 0.7f, 0.36f);
        Rgb[] look = {
            mask,
            trace,
            pad,
            new Rgb(0.06f, 0.06f, 0.05f),
            new Rgb(0.93f, 0.93f, 0.9f),
            new Rgb(0.1f, 0.1f, 0.11f),
            new Rgb(0.72f, 0.58f, 0.38f)
        };
        long grain = r.nextLong();
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double n = Noise.value(grain, p.unit(x) * 0.7, p.unit(y) * 0.7);
                int i = y * size + x;
                SurfaceTexture.put(rgb, i, look[label[i]], 1 + 0.04 * n);
            }
        }
    }
}
