package io.ultraline.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Frames made of known parts, for scoring concept segmentation: per frame, a {@link SceneLayout}
 * decides which of the camera's materials shows where; every material present is seen through the
 * same pose (a new piece of it each frame), the pixels are taken from the material their part id
 * names, and then, as in {@link FrameGenerator}, the camera's light, the defects (painted as the
 * camera's family paints them) and sensor noise apply to the whole frame.
 *
 * <p>Deterministic: a frame is a pure function of (materials, layout, camera, frame seed, defects,
 * size), and its parts do not depend on the defect list.
 */
public final class SceneGenerator {

    private final SceneKind kind;
    private final List<SceneMaterial> materials;

    private SceneGenerator(SceneKind kind, List<SceneMaterial> materials) {
        if (materials.size() < SceneLayout.MIN_PARTS) {
            throw new IllegalArgumentException(
                    "a scene needs at least " + SceneLayout.MIN_PARTS + " materials, got " + materials.size());
        }
        this.kind = kind;
        this.materials = List.copyOf(materials);
    }

    /**
     * Scenes of {@code count} distinct material families, drawn by {@code seed} from
     * {@link MaterialFamily#firstSeven()}.
     *
     * @param count 2..the number of families
     */
    public static SceneGenerator ofFamilies(SceneKind kind, long seed, int count) {
        MaterialFamily[] all = MaterialFamily.firstSeven().toArray(MaterialFamily[]::new);
        if (count < SceneLayout.MIN_PARTS || count > all.length) {
            throw new IllegalArgumentException(
                    "scene materials must be " + SceneLayout.MIN_PARTS + ".." + all.length + ", got " + count);
        }
        SplittableRandom r = new SplittableRandom(Noise.hash(seed, 0x5CE9EL));
        int[] pick = SceneLayout.distinct(r, count, 0, all.length);
        FrameGenerator shared = new FrameGenerator();
        List<SceneMaterial> m = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            m.add(SceneMaterial.family(all[pick[i]], Noise.hash(seed, 0x3A7L + i), shared));
        }
        return new SceneGenerator(kind, m);
    }

    /** Scenes of the given materials (tests use flat colours). */
    static SceneGenerator of(SceneKind kind, List<SceneMaterial> materials) {
        return new SceneGenerator(kind, materials);
    }

    /** Scenes of photographed samples, one material each, in the given order. */
    public static SceneGenerator ofSamples(
            SceneKind kind, long seed, List<SurfaceImage> samples, MaterialFamily family) {
        List<SceneMaterial> m = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            m.add(SceneMaterial.sample(samples.get(i), family, Noise.hash(seed, 0x3A7L + i)));
        }
        return new SceneGenerator(kind, m);
    }

    public SceneKind kind() {
        return kind;
    }

    /** The materials' names, by part id. */
    public List<String> materialNames() {
        return materials.stream().map(SceneMaterial::name).toList();
    }

    /** A scene frame seen by {@code camera} (light, noise, defect style) with the given defects. */
    public SceneFrame generate(CameraSetup camera, long frameSeed, List<DefectType> defects, int size) {
        if (size < FrameGenerator.MIN_SIZE || size > FrameGenerator.MAX_SIZE) {
            throw new IllegalArgumentException(
                    "size must be in [" + FrameGenerator.MIN_SIZE + ", " + FrameGenerator.MAX_SIZE + "], got " + size);
        }
        long base = Noise.hash(camera.seed(), frameSeed);
        int[] parts = kind.layout().parts(new SplittableRandom(Noise.hash(base, 4)), size, materials.size());
        CameraPose pose = CameraPose.random(new SplittableRandom(Noise.hash(base, 1)), size);
        FloatImage[] views = new FloatImage[materials.size()];
        for (int p : parts) {
            if (views[p] == null) {
                views[p] = pose.view(materials.get(p).canvas(frameSeed, size), CameraPose.canvasSize(size), size);
            }
        }
        FloatImage frame = composite(views, parts, size);
        Sensor.light(frame, camera, new SplittableRandom(Noise.hash(base, 2)));
        boolean[] mask = new boolean[size * size];
        Defect[] found = new Defect[defects.size()];
        for (int k = 0; k < found.length; k++) {
            DefectInjector.Injected d = DefectInjector.inject(
                    frame, defects.get(k), new SplittableRandom(Noise.hash(base, 16 + k)), camera.family());
            found[k] = d.defect();
            boolean[] own = d.mask();
            for (int i = 0; i < mask.length; i++) {
                mask[i] |= own[i];
            }
        }
        var image = Sensor.expose(frame, camera.noiseLevel(), new SplittableRandom(Noise.hash(base, 3)));
        return new SceneFrame(new SyntheticFrame(image, mask, List.of(found), camera, frameSeed), parts);
    }

    /** Each pixel from the view its part id names. */
    static FloatImage composite(FloatImage[] views, int[] parts, int size) {
        FloatImage out = new FloatImage(size);
        float[] dst = out.data();
        for (int i = 0; i < parts.length; i++) {
            float[] src = views[parts[i]].data();
            System.arraycopy(src, 3 * i, dst, 3 * i, 3);
        }
        return out;
    }
}
