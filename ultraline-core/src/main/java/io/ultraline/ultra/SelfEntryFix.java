package io.ultraline.ultra;

/**
 * Step 6 of the ULTra map recipe: a token's relevance to itself dominates its own map (the
 * identity that the rollout starts from), so the entry is replaced by the largest entry of the
 * map. For every map {@code i}: first {@code map_i[i] = 0}, then {@code map_i[i] = max(map_i)}.
 *
 * <p>The maximum is taken after the zeroing, so it includes the zero: a map whose other entries
 * are all negative gets {@code 0} on its diagonal. Relevance maps are non-negative, so for them
 * this is simply the largest off-diagonal entry. A single-token map becomes {@code [0]}.
 *
 * <p>{@link #fixed(float[][])} leaves its argument alone and returns a new array;
 * {@link #fixInPlace(float[][])} overwrites the diagonal of its argument.
 */
public final class SelfEntryFix {

    private SelfEntryFix() {}

    /**
     * Returns a fixed copy of the maps; the argument is not modified.
     *
     * @param maps N maps of N entries each, {@code maps[i]} being the map of token {@code i}
     * @return a new N x N array with every diagonal entry replaced
     * @throws IllegalArgumentException if the maps are not N x N
     */
    public static float[][] fixed(float[][] maps) {
        requireSquare(maps);
        float[][] copy = new float[maps.length][];
        for (int i = 0; i < maps.length; i++) {
            copy[i] = maps[i].clone();
        }
        fixInPlace(copy);
        return copy;
    }

    /**
     * Replaces the diagonal entry of every map in place.
     *
     * @param maps N maps of N entries each; modified
     * @throws IllegalArgumentException if the maps are not N x N
     */
    public static void fixInPlace(float[][] maps) {
        requireSquare(maps);
        for (int i = 0; i < maps.length; i++) {
            fixRow(maps[i], i);
        }
    }

    /**
     * Replaces entry {@code self} of one map in place.
     *
     * @param map the map of token {@code self}; modified
     * @param self the index of the token the map belongs to
     */
    public static void fixRow(float[] map, int self) {
        if (self < 0 || self >= map.length) {
            throw new IllegalArgumentException(
                    "self index " + self + " is outside a map of " + map.length + " entries");
        }
        map[self] = 0f;
        float max = 0f;
        for (float v : map) {
            if (v > max) {
                max = v;
            }
        }
        map[self] = max;
    }

    private static void requireSquare(float[][] maps) {
        if (maps == null) {
            throw new IllegalArgumentException("maps must not be null");
        }
        for (int i = 0; i < maps.length; i++) {
            if (maps[i] == null || maps[i].length != maps.length) {
                throw new IllegalArgumentException("map " + i + " has "
                        + (maps[i] == null ? "no entries (null)" : maps[i].length + " entries")
                        + ", expected " + maps.length + " (one per map: the maps must be N x N)");
            }
        }
    }
}
