package io.ultraline.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Scene frames: parts where the layout says, 2 to 4 of them, and the same frame for the same seed. */
class SceneGeneratorTest {

    /** Flat colours told apart by which channels are bright, whatever the light does to brightness. */
    private static final Rgb[] FLAT = {
        new Rgb(0.9f, 0.1f, 0.1f), new Rgb(0.1f, 0.9f, 0.1f), new Rgb(0.1f, 0.1f, 0.9f), new Rgb(0.9f, 0.9f, 0.1f)
    };

    private static SceneGenerator flat(SceneKind kind) {
        List<SceneMaterial> materials = Arrays.stream(FLAT)
                .map(c -> new SceneMaterial(
                        c.toHex(),
                        new FrameGenerator((rgb, size, r, p) -> {
                            for (int i = 0; i < size * size; i++) {
                                SurfaceTexture.put(rgb, i, c, 1);
                            }
                        }),
                        CameraSetup.defaults(MaterialFamily.PAINTED, 3)))
                .toList();
        return SceneGenerator.of(kind, materials);
    }

    private static int colourClass(int argb) {
        int r = (argb >> 16) & 255;
        int g = (argb >> 8) & 255;
        int b = argb & 255;
        int half = Math.max(r, Math.max(g, b)) / 2;
        boolean rr = r > half;
        boolean gg = g > half;
        boolean bb = b > half;
        return rr && gg ? 3 : rr ? 0 : gg ? 1 : bb ? 2 : -1;
    }

    @ParameterizedTest
    @EnumSource(SceneKind.class)
    void everyPixelShowsTheMaterialItsPartIdNames(SceneKind kind) {
        SceneGenerator g = flat(kind);
        CameraSetup camera = CameraSetup.defaults(MaterialFamily.PAINTED, 11).withNoise(0);
        for (long seed = 0; seed < 6; seed++) {
            SceneFrame f = g.generate(camera, seed, List.of(), 64);
            int[] parts = f.parts();
            BufferedImage img = f.frame().image();
            for (int i = 0; i < parts.length; i++) {
                assertThat(colourClass(img.getRGB(i % 64, i / 64)))
                        .as("pixel %d of seed %d", i, seed)
                        .isEqualTo(parts[i]);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SceneKind.class)
    void framesShowTwoToFourPartsEachCoveringAShare(SceneKind kind) {
        SceneLayout layout = kind.layout();
        boolean sawTwo = false;
        boolean sawFour = false;
        for (long seed = 0; seed < 40; seed++) {
            int[] parts = layout.parts(new SplittableRandom(seed), 96, 4);
            int[] ids = Arrays.stream(parts).distinct().toArray();
            assertThat(ids.length).isBetween(2, 4);
            assertThat(Arrays.stream(ids).allMatch(id -> id >= 0 && id < 4)).isTrue();
            assertThat(SceneLayout.everyPartCovers(parts, ids, 0.05)).isTrue();
            if (kind != SceneKind.MOSAIC) {
                assertThat(ids).as("the belt or the grout is always there").contains(0);
            }
            sawTwo |= ids.length == 2;
            sawFour |= ids.length == 4;
        }
        assertThat(sawTwo && sawFour).isTrue();
    }

    @Test
    void theSameSeedGivesTheSameFrameAndAnotherSeedAnother() {
        CameraSetup camera = CameraSetup.random(MaterialFamily.BRUSHED_METAL, 5);
        SceneFrame a =
                SceneGenerator.ofFamilies(SceneKind.MOSAIC, 7, 4).generate(camera, 42, List.of(DefectType.SCRATCH), 64);
        SceneFrame b =
                SceneGenerator.ofFamilies(SceneKind.MOSAIC, 7, 4).generate(camera, 42, List.of(DefectType.SCRATCH), 64);
        SceneFrame c =
                SceneGenerator.ofFamilies(SceneKind.MOSAIC, 7, 4).generate(camera, 43, List.of(DefectType.SCRATCH), 64);
        assertThat(Pixels.rgb(a.frame().image())).isEqualTo(Pixels.rgb(b.frame().image()));
        assertThat(a.parts()).isEqualTo(b.parts());
        assertThat(a.frame().mask()).isEqualTo(b.frame().mask());
        assertThat(a.frame().maskArea()).isPositive();
        assertThat(Pixels.rgb(a.frame().image()))
                .isNotEqualTo(Pixels.rgb(c.frame().image()));
    }

    @Test
    void partsDoNotDependOnTheDefects() {
        CameraSetup camera = CameraSetup.random(MaterialFamily.WOOD_GRAIN, 2);
        SceneGenerator g = SceneGenerator.ofFamilies(SceneKind.CONVEYOR, 3, 3);
        assertThat(g.generate(camera, 9, List.of(), 64).parts())
                .isEqualTo(g.generate(camera, 9, List.of(DefectType.STAIN), 64).parts());
    }

    @Test
    void theMaterialsAreDistinctFamilies() {
        List<String> names = SceneGenerator.ofFamilies(SceneKind.TILES, 1, 4).materialNames();
        assertThat(names).hasSize(4).doesNotHaveDuplicates();
        assertThat(SceneGenerator.ofFamilies(SceneKind.TILES, 1, 4).materialNames())
                .isEqualTo(names);
    }

    @Test
    void refusesTooFewMaterials() {
        assertThatThrownBy(() -> SceneGenerator.ofFamilies(SceneKind.MOSAIC, 1, 1))
                .hasMessageContaining("must be 2..");
        assertThatThrownBy(() -> SceneKind.parse("circus")).hasMessageContaining("mosaic, conveyor, tiles");
    }

    @Test
    void thePartsImageHoldsTheIds() {
        SceneFrame f =
                flat(SceneKind.TILES).generate(CameraSetup.defaults(MaterialFamily.PAINTED, 1), 1, List.of(), 32);
        int[] back = f.partsImage().getRaster().getSamples(0, 0, 32, 32, 0, new int[32 * 32]);
        assertThat(back).isEqualTo(f.parts());
    }
}
