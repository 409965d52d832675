package io.ultraline.synth;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/** The scene families of {@code dataset generate --scenes}: how the materials of a frame are laid out. */
public enum SceneKind {
    /** 2 to 4 materials side by side with wandering boundaries. */
    MOSAIC(MosaicLayout::new),
    /** A belt (material 0) carrying 1 to 3 parts of other materials. */
    CONVEYOR(ConveyorLayout::new),
    /** Grout (material 0) between tiles of 1 to 3 other materials. */
    TILES(TileLayout::new);

    private final Supplier<SceneLayout> layout;

    SceneKind(Supplier<SceneLayout> layout) {
        this.layout = layout;
    }

    SceneLayout layout() {
        return layout.get();
    }

    /** Parses a name case-insensitively. */
    public static SceneKind parse(String name) {
        String key = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (SceneKind k : values()) {
            if (k.name().equals(key)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown scene family '" + name + "'; known: "
                + Arrays.toString(values()).toLowerCase(Locale.ROOT));
    }
}
