/**
 * Concept ids that keep their meaning across the frames of one camera (issue 19, part 4): concept
 * prototypes learned from the calibration frames, and the relabelling of each frame's concepts to
 * the ids of the prototypes they match. Pure Java.
 */
package io.ultraline.ultra.align;
