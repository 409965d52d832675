package io.ultraline.ultra;

/** Early checks of the maps handed to {@link UltraSegmenter}, with messages that say what is off. */
final class MapsValidation {

    private MapsValidation() {
    }

    static void requireValid(float[][] maps, int gridH, int gridW) {
        if (gridH < 1 || gridW < 1) {
            throw new IllegalArgumentException(
                    "the token grid must be at least 1 x 1, got " + gridH + " x " + gridW);
        }
        if (maps == null) {
            throw new IllegalArgumentException("maps must not be null");
        }
        long n = (long) gridH * gridW;
        if (maps.length != n) {
            throw new IllegalArgumentException("expected gridH * gridW = " + gridH + " * " + gridW
                    + " = " + n + " maps (one per patch token), got " + maps.length);
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
            for (int j = 0; j < map.length; j++) {
                if (!Float.isFinite(map[j])) {
                    throw new IllegalArgumentException(
                            "map " + i + " has a non-finite value " + map[j] + " at patch " + j);
                }
            }
        }
    }
}
