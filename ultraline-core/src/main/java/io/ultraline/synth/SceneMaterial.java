package io.ultraline.synth;

/**
 * One material of a scene camera: the surface it shows (a family's rendering or a photographed
 * sample) and the set-up whose colour, texture scale and seed render it.
 *
 * @param name      for the dataset manifest: the family or the sample's name
 * @param generator renders (and caches) the surface; its override, if any, is the sample
 * @param setup     colour, texture scale and surface seed; its light and noise are not used (the
 *                  scene's camera lights the whole frame)
 */
record SceneMaterial(String name, FrameGenerator generator, CameraSetup setup) {

    /** A family's rendered surface. */
    static SceneMaterial family(MaterialFamily family, long seed, FrameGenerator shared) {
        return new SceneMaterial(family.name(), shared, CameraSetup.random(family, seed));
    }

    /** A photographed sample; the family only fills the set-up (a sample is not re-tinted). */
    static SceneMaterial sample(SurfaceImage image, MaterialFamily family, long seed) {
        return new SceneMaterial(
                image.name(), new FrameGenerator(new ImageTexture(image)), CameraSetup.random(family, seed));
    }

    /** The surface canvas of this material as one frame sees it: a new piece of it per frame seed. */
    float[] canvas(long frameSeed, int size) {
        CameraSetup s = setup;
        CameraSetup piece = new CameraSetup(
                s.family(),
                s.baseColour(),
                s.textureScale(),
                s.lightAngleDeg(),
                s.lightStrength(),
                s.noiseLevel(),
                Noise.hash(s.seed(), frameSeed));
        return generator.surface(piece, size);
    }
}
