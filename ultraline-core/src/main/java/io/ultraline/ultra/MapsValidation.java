package io.ultraline.ultra;

/** Early checks of the maps handed to {@link UltraSegmenter}, with messages that say what is off. */
final class MapsValidation {

    private MapsValidation() {}

    static void requireValid(float[][] maps, int gridH, int gridW) {
        if (gridH < 1 || gridW < 1) {
            throw new IllegalArgumentException("the token grid must be at least 1 x 1, got " + gridH + " x " + gridW);
        }
        if (maps == null) {
            throw new IllegalArgumentException("maps must not be null");
        }
        long n = (long) gridH * gridW;
        if (maps.length != n) {
            throw new IllegalArgumentException("expected gridH * gridW = " + gridH + " * " + gridW + " = " + n
                    + " maps (one per patch token), got " + maps.length);
        }
        for (int i = 0; i < maps.length; i++) {
            float[] map = maps[i];
            if (map == null) {
                throw new IllegalArgumentException("map " + i + " is null");
            }
            if (map.length != n) {
                throw new IllegalArgumentException("map " + i + " has " + map.length
                        + " entries, expected " + n + ": the maps must be N x N, one entry per"
                        + " patch token");
            }
            requireFinite(map, i);
        }
    }

    /**
     * Checks T maps of N entries each and their T targets: distinct patch indices in 0..N-1,
     * one per map (maps[k] is the map of patch targets[k]).
     */
    static void requireValid(float[][] maps, int[] targets, int gridH, int gridW) {
        if (gridH < 1 || gridW < 1) {
            throw new IllegalArgumentException("the token grid must be at least 1 x 1, got " + gridH + " x " + gridW);
        }
        if (maps == null || targets == null) {
            throw new IllegalArgumentException("maps and targets must not be null");
        }
        int n = gridH * gridW;
        requireTargets(targets, n);
        if (maps.length != targets.length) {
            throw new IllegalArgumentException(
                    "expected one map per target (" + targets.length + " targets), got " + maps.length + " maps");
        }
        for (int k = 0; k < maps.length; k++) {
            if (maps[k] == null || maps[k].length != n) {
                throw new IllegalArgumentException("map " + k + " (of patch " + targets[k] + ") has "
                        + (maps[k] == null ? "no entries (null)" : maps[k].length + " entries")
                        + ", expected " + n + ": one entry per patch token");
            }
            requireFinite(maps[k], k);
        }
    }

    /** Targets: at least one, distinct, each a patch index in 0..n-1. */
    static void requireTargets(int[] targets, int n) {
        if (targets.length == 0) {
            throw new IllegalArgumentException("at least one target is needed");
        }
        boolean[] seen = new boolean[n];
        for (int k = 0; k < targets.length; k++) {
            int t = targets[k];
            if (t < 0 || t >= n) {
                throw new IllegalArgumentException("target " + k + " is patch " + t + ", outside 0.." + (n - 1));
            }
            if (seen[t]) {
                throw new IllegalArgumentException("patch " + t + " is a target twice");
            }
            seen[t] = true;
        }
    }

    private static void requireFinite(float[] map, int i) {
        for (int j = 0; j < map.length; j++) {
            if (!Float.isFinite(map[j])) {
                throw new IllegalArgumentException("map " + i + " has a non-finite value " + map[j] + " at patch " + j);
            }
        }
    }

    /** The N patch tokens of a row-major {@code N * D} array as rows, checked finite. */
    static float[][] tokenRows(float[] tokens, int n) {
        if (tokens == null) {
            throw new IllegalArgumentException("tokens must not be null");
        }
        if (tokens.length == 0 || tokens.length % n != 0) {
            throw new IllegalArgumentException(
                    tokens.length + " token values do not split into " + n + " patch tokens of equal, positive length");
        }
        int d = tokens.length / n;
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = java.util.Arrays.copyOfRange(tokens, i * d, (i + 1) * d);
            for (float v : rows[i]) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("token " + i + " holds " + v);
                }
            }
        }
        return rows;
    }
}
