package io.ultraline.synth;

import java.util.SplittableRandom;

/**
 * One simulated camera looking at one product surface. Every good frame of a set-up shows the same
 * surface under the same light; frames differ only by a small pose change, lighting jitter and
 * sensor noise.
 *
 * @param family        the material
 * @param baseColour    the surface's dominant colour
 * @param textureScale  feature size relative to the family's default (1 = default), 0.25..4
 * @param lightAngleDeg direction (image coordinates, 0 = towards +x, 90 = towards +y) in which the
 *                      lighting gradient brightens the frame
 * @param lightStrength relative brightness change from the centre to the middle of the brighter
 *                      edge, 0..0.9
 * @param noiseLevel    sensor read noise, standard deviation on the [0, 1] scale, 0..0.1
 *                      (shot noise scales with it)
 * @param seed          the surface's own seed: layout, grain and every texture detail
 */
public record CameraSetup(
        MaterialFamily family,
        Rgb baseColour,
        double textureScale,
        double lightAngleDeg,
        double lightStrength,
        double noiseLevel,
        long seed) {

    public CameraSetup {
        if (family == null || baseColour == null) {
            throw new IllegalArgumentException("family and base colour are required");
        }
        if (!(textureScale >= 0.25 && textureScale <= 4)) {
            throw new IllegalArgumentException("textureScale must be in [0.25, 4], got " + textureScale);
        }
        if (!Double.isFinite(lightAngleDeg)) {
            throw new IllegalArgumentException("lightAngleDeg must be finite");
        }
        if (!(lightStrength >= 0 && lightStrength <= 0.9)) {
            throw new IllegalArgumentException("lightStrength must be in [0, 0.9], got " + lightStrength);
        }
        if (!(noiseLevel >= 0 && noiseLevel <= 0.1)) {
            throw new IllegalArgumentException("noiseLevel must be in [0, 0.1], got " + noiseLevel);
        }
    }

    /** The family's default look: first palette colour, scale 1, light from the upper left. */
    public static CameraSetup defaults(MaterialFamily family, long seed) {
        return new CameraSetup(family, family.palette().get(0), 1.0, 225, 0.2, 0.012, seed);
    }

    /** A plausible camera of this family: a palette colour, jittered, with random light and noise. */
    public static CameraSetup random(MaterialFamily family, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Rgb c = family.palette().get(r.nextInt(family.palette().size()));
        Rgb jittered = new Rgb(
                Rgb.clamp(c.r() * (0.94 + 0.12 * r.nextDouble())),
                Rgb.clamp(c.g() * (0.94 + 0.12 * r.nextDouble())),
                Rgb.clamp(c.b() * (0.94 + 0.12 * r.nextDouble())));
        return new CameraSetup(
                family,
                jittered,
                0.85 + 0.35 * r.nextDouble(),
                360 * r.nextDouble(),
                0.1 + 0.25 * r.nextDouble(),
                0.006 + 0.014 * r.nextDouble(),
                r.nextLong());
    }

    /** This set-up with a different sensor noise level. */
    public CameraSetup withNoise(double level) {
        return new CameraSetup(family, baseColour, textureScale, lightAngleDeg, lightStrength, level, seed);
    }
}
