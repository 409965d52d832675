package io.ultraline.model.train;

import java.util.Locale;

/**
 * The optional self-distillation objective of a training run: masked-token prediction against an
 * exponential-moving-average teacher (see {@link MaskedTokenObjective}), or none, which is the
 * shipped recipe.
 *
 * @param enabled          whether the objective is part of the loss
 * @param weight           its weight against the two pretext losses
 * @param maskRatio        share of a masked image's patches that the student does not see
 * @param maskedImageShare share of the images in a batch that are masked
 * @param momentum         teacher = momentum * teacher + (1 - momentum) * student, after every step
 */
public record Distillation(boolean enabled, float weight, float maskRatio, float maskedImageShare, float momentum) {

    /** Share of a masked image's patches hidden, by default (masked texture targets use it too). */
    public static final float MASK_RATIO = 0.4f;

    /** Share of a batch's images that are masked, by default (masked texture targets use it too). */
    public static final float MASKED_IMAGE_SHARE = 0.5f;

    /** The command-line name of the masked-token objective. */
    public static final String MASKED_TOKENS = "masked-tokens";

    public Distillation {
        if (enabled) {
            if (!(weight > 0)) {
                throw new IllegalArgumentException("the distillation weight must be > 0, got " + weight);
            }
            if (!(momentum >= 0 && momentum < 1)) {
                throw new IllegalArgumentException("the teacher momentum must lie in [0, 1), got " + momentum);
            }
            if (!(maskRatio > 0 && maskRatio < 1) || !(maskedImageShare > 0 && maskedImageShare <= 1)) {
                throw new IllegalArgumentException("mask ratio in (0, 1) and masked-image share in (0, 1] required");
            }
        }
    }

    /** No distillation: the shipped recipe, its graph and its random draws. */
    public static Distillation none() {
        return new Distillation(false, 0, 0, 0, 0);
    }

    /** Masked-token prediction with the defaults measured in docs/evaluation.md. */
    public static Distillation maskedTokens(float weight) {
        return new Distillation(true, weight, MASK_RATIO, MASKED_IMAGE_SHARE, 0.996f);
    }

    /** {@code none} or {@code masked-tokens}, as the command line spells them. */
    public static Distillation parse(String name, float weight) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        if (key.equals("none")) {
            return none();
        }
        if (key.equals(MASKED_TOKENS)) {
            return maskedTokens(weight);
        }
        throw new IllegalArgumentException("unknown distillation '" + name + "'; known: none, " + MASKED_TOKENS);
    }

    public String cliName() {
        return enabled ? MASKED_TOKENS : "none";
    }
}
