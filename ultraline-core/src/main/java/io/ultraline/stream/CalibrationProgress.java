package io.ultraline.stream;

/**
 * A running calibration as the service's store holds it, for status queries.
 *
 * @param cameraId  camera
 * @param productId product, or null for any
 * @param commandId the START command
 * @param target    frames it collects
 * @param collected frames collected so far; equal to {@code target} while the profile is built
 */
public record CalibrationProgress(String cameraId, String productId, String commandId, int target, int collected) {

    /** All frames are collected and the profile is being built. */
    public boolean building() {
        return collected >= target;
    }
}
