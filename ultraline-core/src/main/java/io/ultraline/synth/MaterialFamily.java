package io.ultraline.synth;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The surface materials the generator can show, each with its renderer and a palette of typical
 * base colours (a camera set-up picks one and jitters it).
 */
public enum MaterialFamily {
    BRUSHED_METAL(BrushedMetalTexture::new, "#a3a7ab", "#8e9296", "#b8b2a6", "#b39a6b"),
    WOVEN_FABRIC(WovenFabricTexture::new, "#2f4a78", "#8a7a5c", "#6b6f75", "#7a2f35"),
    WOOD_GRAIN(WoodGrainTexture::new, "#c89a62", "#a8744a", "#ddb98a", "#8c5a36"),
    CIRCUIT_BOARD(CircuitBoardTexture::new, "#1d6b3a", "#1f5a2c", "#1c3f7a", "#2a2d30"),
    TILES(TileTexture::new, "#ece8de", "#dfe3e6", "#e6d7b8", "#c9d6cf"),
    PAINTED(PaintedTexture::new, "#b8332b", "#2d5da8", "#e0b32a", "#3f7f4a", "#8a8f94"),
    GRANULAR(GranularTexture::new, "#c2a878", "#9a948a", "#b58d63", "#7d7468"),
    /** Never in the default model's training: the second unseen family, with wood grain. */
    TERRAZZO(TerrazzoTexture::new, "#cfc8bb", "#b9b4ab", "#d8cbb3", "#a9a39a");

    private final Supplier<SurfaceTexture> texture;
    private final List<Rgb> palette;

    MaterialFamily(Supplier<SurfaceTexture> texture, String... palette) {
        this.texture = texture;
        this.palette = Arrays.stream(palette).map(Rgb::hex).toList();
    }

    /** A renderer for this material (renderers are stateless; a new one costs nothing). */
    public SurfaceTexture texture() {
        return texture.get();
    }

    /** Typical base colours, the first being the family's default. */
    public List<Rgb> palette() {
        return palette;
    }

    /**
     * The seven families of the project's first synthetic figures. Scene and benchmark draws pick
     * from these, so that a family added later does not change what a recorded seed generates.
     */
    public static List<MaterialFamily> firstSeven() {
        return List.of(BRUSHED_METAL, WOVEN_FABRIC, WOOD_GRAIN, CIRCUIT_BOARD, TILES, PAINTED, GRANULAR);
    }

    /** Whether the surface has a regular printed or laid-out pattern that a misprint can break. */
    public boolean patterned() {
        return this == CIRCUIT_BOARD || this == TILES || this == WOVEN_FABRIC;
    }

    /** Parses a name case-insensitively, accepting '-' for '_' ({@code brushed-metal}). */
    public static MaterialFamily parse(String name) {
        String key = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (MaterialFamily f : values()) {
            if (f.name().equals(key)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown material family '" + name + "'; known: "
                + Arrays.toString(values()).toLowerCase(Locale.ROOT).replace('_', '-'));
    }
}
