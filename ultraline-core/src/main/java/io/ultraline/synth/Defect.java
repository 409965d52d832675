package io.ultraline.synth;

/**
 * One injected defect: its type, the tight box around its mask and the mask's pixel count.
 *
 * @param type the kind of defect
 * @param box  tight bounding box of the pixels it changed visibly
 * @param area number of pixels it changed visibly (see {@link DefectPainter#MASK_THRESHOLD})
 */
public record Defect(DefectType type, Box box, int area) {}
