package io.ultraline.synth;

/**
 * A scene frame with its part ids.
 *
 * @param frame the frame, its defect mask and defects
 * @param parts {@code size * size} part ids, row-major: the index of the camera's material each
 *              pixel shows (defects painted over a part do not change its id)
 */
public record SceneFrame(SyntheticFrame frame, int[] parts) {

    public SceneFrame {
        if (parts.length != frame.size() * frame.size()) {
            throw new IllegalArgumentException("need one part id per pixel");
        }
        parts = parts.clone();
    }

    @Override
    public int[] parts() {
        return parts.clone();
    }

    /** The part ids as an 8-bit grey image whose value is the id. */
    public java.awt.image.BufferedImage partsImage() {
        int n = frame.size();
        var out = new java.awt.image.BufferedImage(n, n, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        out.getRaster().setSamples(0, 0, n, n, 0, parts);
        return out;
    }
}
