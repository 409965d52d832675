package io.ultraline.stream;

import io.ultraline.defect.FrameAssessment;
import io.ultraline.inspect.InspectedFrame;
import io.ultraline.ultra.TargetStrategy;

/**
 * The tokens whose maps the second stage computes for one frame: T of them by the configured
 * {@link TargetStrategy} ({@link ExplainConfig#strategy()}), or all of them. The anomalous strategy
 * takes the first stage's token scores (those the verdict was decided on), so the tokens that made
 * a frame DEFECT get their own maps and its regions their exact relevance.
 */
final class TargetChoice {

    private final ExplainConfig config;

    TargetChoice(ExplainConfig config) {
        this.config = config;
    }

    /**
     * The targets of one scanned frame, or null for all N.
     *
     * @param assessment its first-stage scores, null when it was not scored
     */
    int[] targets(InspectedFrame frame, FrameAssessment assessment) {
        TargetStrategy strategy = config.targetStrategy();
        int n = frame.modelOutput().numPatches();
        if (strategy == TargetStrategy.ALL || config.targets() >= n) {
            return null;
        }
        if (strategy == TargetStrategy.ANOMALOUS && assessment == null) {
            // a frame without a profile has no scores: representatives alone
            strategy = TargetStrategy.REPRESENTATIVES;
        }
        return strategy.choose(
                frame.modelOutput().tokens(),
                n,
                frame.modelOutput().dim(),
                config.targets(),
                assessment == null ? null : assessment.tokenScores());
    }
}
