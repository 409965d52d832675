package io.ultraline.defect;

/**
 * Parameters of {@link ConceptHysteresisRegions}.
 *
 * @param lowFactor a region grows through tokens of its concept whose score exceeds
 *     {@code lowFactor * threshold}; in (0, 1], where 1 keeps only the tokens above the threshold
 * @param maxConceptFraction a seed's connected concept component smaller than this fraction of
 *     the grid becomes the region whole; in [0, 1], where 0 switches the rule off
 */
public record RegionConfig(float lowFactor, float maxConceptFraction) {

    /** Checks both values. */
    public RegionConfig {
        if (!(lowFactor > 0f && lowFactor <= 1f)) {
            throw new IllegalArgumentException("lowFactor must be in (0, 1], got " + lowFactor);
        }
        if (!(maxConceptFraction >= 0f && maxConceptFraction <= 1f)) {
            throw new IllegalArgumentException("maxConceptFraction must be in [0, 1], got " + maxConceptFraction);
        }
    }

    /** Low factor 0.6, whole concept components below a quarter of the grid. */
    public static RegionConfig defaults() {
        return new RegionConfig(0.6f, 0.25f);
    }
}
