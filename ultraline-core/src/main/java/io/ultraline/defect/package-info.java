/**
 * From tokens and ULTra concepts to defect verdicts, in plain Java (docs/design.md section 2).
 *
 * <p>Calibration: {@link io.ultraline.defect.ProfileBuilder} collects the patch tokens of good
 * frames, reduces them with {@link io.ultraline.defect.CoresetSelector} (greedy k-center) into a
 * {@link io.ultraline.defect.MemoryBank}, and sets the threshold from held-out scores of the
 * calibration frames themselves; the result is an immutable
 * {@link io.ultraline.defect.ReferenceProfile}, stored in the versioned binary form of
 * {@link io.ultraline.defect.ProfileCodec}. When the calibration frames bring the model's view of
 * themselves, the profile also gets a raw-pixel channel ({@link io.ultraline.defect.AppearanceBank}:
 * 8 x 8 RGB patches on their principal axes, coreset-reduced, with its own held-out threshold,
 * {@link io.ultraline.defect.AppearanceChannel}).
 *
 * <p>Assessment: {@link io.ultraline.defect.DefectDetector#assess} scores every token with
 * {@link io.ultraline.defect.TokenScorer} (distance to the nearest normal token; the frame score
 * is the highest), averages in the raw-pixel channel's scores where the profile has one
 * ({@link io.ultraline.defect.AppearanceFusion}), lets a {@link io.ultraline.defect.RegionFinder}
 * decide the regions (by default {@link io.ultraline.defect.TokenThresholdRegions}; the concept
 * rules {@link io.ultraline.defect.ConceptGrowthRegions} and
 * {@link io.ultraline.defect.ConceptHysteresisRegions} are shaped by ULTra concepts), and describes each region as a
 * {@link io.ultraline.defect.DefectRegionResult}: token mask, pixel box and area, score and an
 * 8-bit {@link io.ultraline.defect.QuantisedHeatmap} explanation.
 * {@link io.ultraline.defect.PixelScoreMap} spreads token scores over pixels for evaluation.
 * Given the frame's {@link io.ultraline.defect.FramePixels}, a
 * {@link io.ultraline.defect.PixelMasker} then gives each region a pixel-resolution mask (by
 * default {@link io.ultraline.defect.AppearanceMasker}: pixels whose colour departs from the
 * region's surrounding tokens), without changing which frames and regions are defects.
 *
 * <p>Raw scores and the threshold are always exposed, never only a yes/no. Everything here is
 * deterministic; the package depends on the JDK and {@code io.ultraline.ultra} only (no Kafka,
 * Micronaut or TensorFlow), which a test enforces.
 */
package io.ultraline.defect;
