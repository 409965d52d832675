package io.ultraline.synth;

import java.util.Locale;
import java.util.function.Supplier;

/** The kinds of surface defect the generator can inject, each with its painter. */
public enum DefectType {
    /** A thin, slightly curved bright or dark line. */
    SCRATCH(ScratchPainter::new),
    /** A dark, jagged, branching fissure that tapers at its ends. */
    CRACK(CrackPainter::new),
    /** A shallow depression shaded by the light, or a dark burn/oxidation spot. */
    DENT(DentPainter::new),
    /** A translucent, irregular discolouration with a darker tide-mark rim. */
    STAIN(StainPainter::new),
    /** Missing material: a jagged opening showing the dark background, with a torn rim. */
    HOLE(HolePainter::new),
    /** Foreign matter on the surface: a few grains or a fibre, casting a small shadow. */
    PARTICLE(ParticlePainter::new),
    /** A broken print or layout: a shifted, colour-cast patch of the pattern, or a wrong-colour ink blot. */
    MISPRINT(MisprintPainter::new);

    private final Supplier<DefectPainter> painter;

    DefectType(Supplier<DefectPainter> painter) {
        this.painter = painter;
    }

    public DefectPainter painter() {
        return painter.get();
    }

    /** Parses a name case-insensitively. */
    public static DefectType parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown defect type '" + name + "'", e);
        }
    }
}
