package io.ultraline.stream;

import io.ultraline.ultra.TargetStrategy;
import java.util.Objects;

/**
 * Which frames get ULTra maps, and how many (issue 21, part 2).
 *
 * @param mode          which frames are explained, {@value ExplanationsMode#KEY}
 * @param sampleEvery   K: in {@link ExplanationsMode#SAMPLED}, a frame whose source offset is a
 *                      multiple of K is explained whatever its verdict, {@value #KEY_SAMPLE_EVERY};
 *                      by offset, not by chance, so that an audit replays the same choice
 * @param targets       T: maps per explained frame in the two-stage modes, {@value #KEY_TARGETS};
 *                      {@link ExplanationsMode#ALL} keeps all N
 * @param strategy      which T tokens, {@value #KEY_STRATEGY}: {@code anomalous} (the highest-scoring
 *                      tokens plus representatives), {@code representatives} (spread over token
 *                      space) or {@code all} (every token, T ignored)
 * @param nearThreshold a frame scoring at least {@code (1 - nearThreshold) * threshold} is explained
 *                      like a flagged one, {@value #KEY_NEAR_THRESHOLD}: the operator sees why it
 *                      nearly failed
 */
public record ExplainConfig(
        ExplanationsMode mode, int sampleEvery, int targets, String strategy, double nearThreshold) {

    public static final String KEY_SAMPLE_EVERY = "explanations.sample-every";
    public static final String KEY_TARGETS = "explanations.targets";
    public static final String KEY_STRATEGY = "explanations.strategy";
    public static final String KEY_NEAR_THRESHOLD = "explanations.near-threshold";

    public ExplainConfig {
        Objects.requireNonNull(mode, ExplanationsMode.KEY);
        Objects.requireNonNull(strategy, KEY_STRATEGY);
        try {
            strategy = TargetStrategy.parse(strategy).key();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    KEY_STRATEGY + " must be anomalous, representatives or all, got '" + strategy + "'", e);
        }
        if (sampleEvery < 1) {
            throw new IllegalArgumentException(KEY_SAMPLE_EVERY + " must be at least 1, got " + sampleEvery);
        }
        if (targets < 1) {
            throw new IllegalArgumentException(KEY_TARGETS + " must be at least 1, got " + targets);
        }
        if (!(nearThreshold >= 0 && nearThreshold < 1)) {
            throw new IllegalArgumentException(KEY_NEAR_THRESHOLD + " must be in [0, 1), got " + nearThreshold);
        }
    }

    /** Every frame explained from all maps: the behaviour before two-stage inference. */
    public static ExplainConfig defaults() {
        return of(ExplanationsMode.ALL);
    }

    /** {@code mode} with K = 20, T = 16, the anomalous strategy and a 10 % margin. */
    public static ExplainConfig of(ExplanationsMode mode) {
        return new ExplainConfig(mode, 20, 16, "anomalous", 0.1);
    }

    /** {@link #strategy()} as the algorithm that chooses the targets. */
    public TargetStrategy targetStrategy() {
        return TargetStrategy.parse(strategy);
    }

    public ExplainConfig withMode(ExplanationsMode newMode) {
        return new ExplainConfig(newMode, sampleEvery, targets, strategy, nearThreshold);
    }
}
