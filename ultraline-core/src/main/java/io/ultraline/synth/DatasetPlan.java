package io.ultraline.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Which test frames are defective and with what: the defective frames are spread at random over
 * the test set, and defect types come round in shuffled cycles of all seven so every type is about
 * equally common; some frames get a second, different defect.
 */
final class DatasetPlan {

    static final double SECOND_DEFECT = 0.15;

    private DatasetPlan() {}

    /** Defect lists per test frame (empty for good frames), a pure function of the options. */
    static List<List<DefectType>> defects(DatasetOptions o) {
        SplittableRandom r = new SplittableRandom(Noise.hash(o.seed(), 0x9A1L));
        int[] order = shuffled(r, o.frames());
        boolean[] defective = new boolean[o.frames()];
        for (int k = 0; k < o.defectiveFrames(); k++) {
            defective[order[k]] = true;
        }
        DefectType[] all = DefectType.values();
        int[] cycle = shuffled(r, all.length);
        int next = 0;
        List<List<DefectType>> plan = new ArrayList<>(o.frames());
        for (int i = 0; i < o.frames(); i++) {
            if (!defective[i]) {
                plan.add(List.of());
                continue;
            }
            if (next == all.length) {
                cycle = shuffled(r, all.length);
                next = 0;
            }
            DefectType first = all[cycle[next++]];
            if (r.nextDouble() < SECOND_DEFECT) {
                DefectType second = all[(first.ordinal() + 1 + (int) (r.nextDouble() * (all.length - 1))) % all.length];
                plan.add(List.of(first, second));
            } else {
                plan.add(List.of(first));
            }
        }
        return plan;
    }

    static long calibrationSeed(long seed, int i) {
        return Noise.hash(seed, 0xCA11_0000_0000L + i);
    }

    static long testSeed(long seed, int i) {
        return Noise.hash(seed, 0x7E57_0000_0000L + i);
    }

    static CameraSetup camera(DatasetOptions o) {
        return CameraSetup.random(
                o.family(), Noise.hash(o.seed(), 0xCA3L + o.family().ordinal()));
    }

    /** The camera as it sees one frame: with a moving surface, a new piece of material per frame seed. */
    static CameraSetup view(CameraSetup camera, DatasetOptions o, long frameSeed) {
        if (!o.movingSurface()) {
            return camera;
        }
        return new CameraSetup(
                camera.family(),
                camera.baseColour(),
                camera.textureScale(),
                camera.lightAngleDeg(),
                camera.lightStrength(),
                camera.noiseLevel(),
                Noise.hash(camera.seed(), frameSeed));
    }

    private static int[] shuffled(SplittableRandom r, int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = (int) (r.nextDouble() * (i + 1));
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
