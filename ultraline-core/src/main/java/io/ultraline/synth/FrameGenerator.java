package io.ultraline.synth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates frames of a simulated camera: the camera's surface (rendered once per set-up and
 * size, then cached), seen through a per-frame pose, lit with per-frame jitter, with defects
 * painted on and sensor noise added.
 *
 * <p>Deterministic: a frame is a pure function of (set-up, frame seed, defect list, size), and the
 * defect-free parts of a frame do not depend on the defect list (pose, light and noise each draw
 * from their own stream). Randomness comes from integer hashing and {@link SplittableRandom}
 * seeded by those hashes, transcendental maths from {@link StrictMath}, and Gaussian noise from
 * the generator's own Box-Muller: nothing depends on the platform or on
 * {@code nextGaussian()}'s algorithm. Thread-safe.
 */
public final class FrameGenerator {

    /** Identifies this generator's output; bump it whenever any frame's bytes would change. */
    public static final String GENERATOR_VERSION = "synth-1";

    public static final int MIN_SIZE = 32, MAX_SIZE = 1024;

    private static final int CACHED_SURFACES = 8;

    private final Map<SurfaceKey, float[]> surfaces = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<SurfaceKey, float[]> eldest) {
            return size() > CACHED_SURFACES;
        }
    };

    private record SurfaceKey(CameraSetup setup, int size) {}

    /** Null: each camera's family renders its surface. */
    private final SurfaceTexture surfaceOverride;

    /** A generator whose surfaces come from each camera's material family. */
    public FrameGenerator() {
        this(null);
    }

    /**
     * A generator whose every camera looks at the given surface (a photographed sample, say); the
     * camera's family still decides how defects are painted, its pose, light and noise still apply.
     */
    public FrameGenerator(SurfaceTexture surface) {
        this.surfaceOverride = surface;
    }

    /** The photographed sample every camera looks at, by name; null when families render surfaces. */
    public String surfaceSample() {
        return surfaceOverride instanceof ImageTexture t
                ? t.sample().name()
                : surfaceOverride == null ? null : surfaceOverride.getClass().getSimpleName();
    }

    /** A defect-free frame. */
    public SyntheticFrame good(CameraSetup setup, long frameSeed, int size) {
        return generate(setup, frameSeed, List.of(), size);
    }

    /** A frame with one defect of the given type. */
    public SyntheticFrame generate(CameraSetup setup, long frameSeed, DefectType defect, int size) {
        return generate(setup, frameSeed, List.of(defect), size);
    }

    /**
     * A frame with the given defects (possibly none), painted in order.
     *
     * @param size side in pixels, {@value #MIN_SIZE}..{@value #MAX_SIZE}
     */
    public SyntheticFrame generate(CameraSetup setup, long frameSeed, List<DefectType> defects, int size) {
        if (setup == null || defects == null) {
            throw new IllegalArgumentException("setup and defects are required");
        }
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be in [" + MIN_SIZE + ", " + MAX_SIZE + "], got " + size);
        }
        long base = Noise.hash(setup.seed(), frameSeed);
        CameraPose pose = CameraPose.random(new SplittableRandom(Noise.hash(base, 1)), size);
        FloatImage frame = pose.view(surface(setup, size), CameraPose.canvasSize(size), size);
        Sensor.light(frame, setup, new SplittableRandom(Noise.hash(base, 2)));
        boolean[] mask = new boolean[size * size];
        Defect[] found = new Defect[defects.size()];
        for (int k = 0; k < found.length; k++) {
            DefectInjector.Injected d = DefectInjector.inject(
                    frame, defects.get(k), new SplittableRandom(Noise.hash(base, 16 + k)), setup.family());
            found[k] = d.defect();
            boolean[] own = d.mask();
            for (int i = 0; i < mask.length; i++) {
                mask[i] |= own[i];
            }
        }
        var image = Sensor.expose(frame, setup.noiseLevel(), new SplittableRandom(Noise.hash(base, 3)));
        return new SyntheticFrame(image, mask, List.of(found), setup, frameSeed);
    }

    /** The camera's surface canvas: same set-up and size, same array (callers only read it). */
    float[] surface(CameraSetup setup, int size) {
        SurfaceKey key = new SurfaceKey(setup, size);
        synchronized (surfaces) {
            float[] cached = surfaces.get(key);
            if (cached != null) {
                return cached;
            }
        }
        int n = CameraPose.canvasSize(size);
        float[] canvas = new float[n * n * 3];
        double unitPx = CameraPose.SUPERSAMPLE * size / 128.0 * setup.textureScale();
        SurfaceTexture texture =
                surfaceOverride != null ? surfaceOverride : setup.family().texture();
        texture.render(canvas, n, new SplittableRandom(setup.seed()), new SceneParams(setup.baseColour(), unitPx));
        synchronized (surfaces) {
            surfaces.put(key, canvas);
        }
        return canvas;
    }
}
