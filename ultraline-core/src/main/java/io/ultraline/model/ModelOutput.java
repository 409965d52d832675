package io.ultraline.model;

/**
 * What the model says about one frame: its patch tokens and, where asked for, its ULTra maps.
 *
 * @param tokens  patch tokens at the target layer, [N * D] row-major
 * @param maps    ULTra relevance maps before the self-entry fix, {@code float[T][N]}: maps[k] is the
 *                map of patch token targets[k] over the N patches; null when only tokens were asked for
 * @param targets the T distinct patch indices that have a map (0..N-1 in order when all have one);
 *                null exactly when maps is null
 */
public record ModelOutput(int numPatches, int dim, float[] tokens, float[][] maps, int[] targets) {

    /** Checks that maps and targets come together and agree in number. */
    public ModelOutput {
        if ((maps == null) != (targets == null)) {
            throw new IllegalArgumentException("maps and targets come together: got "
                    + (maps == null ? "targets without maps" : "maps without targets"));
        }
        if (maps != null && maps.length != targets.length) {
            throw new IllegalArgumentException(
                    "expected one map per target (" + targets.length + "), got " + maps.length);
        }
    }

    /** Maps of all N patch tokens (targets 0..N-1), or tokens only when maps is null. */
    public ModelOutput(int numPatches, int dim, float[] tokens, float[][] maps) {
        this(numPatches, dim, tokens, maps, maps == null ? null : allTargets(numPatches));
    }

    /** Token i as a new array. */
    public float[] token(int i) {
        float[] t = new float[dim];
        System.arraycopy(tokens, i * dim, t, 0, dim);
        return t;
    }

    /** Whether every patch token has its map (and false for tokens only). */
    public boolean allTargets() {
        return targets != null && targets.length == numPatches;
    }

    public static int[] allTargets(int n) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return all;
    }
}
