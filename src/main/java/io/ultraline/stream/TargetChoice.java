package io.ultraline.stream;

import io.ultraline.defect.FrameAssessment;
import io.ultraline.inspect.InspectedFrame;

/**
 * The tokens whose maps the second stage computes for one frame: T of them by the configured
 * strategy ({@link ExplainConfig#strategy()}), or all of them.
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
        // all N until the sparse-target runner lands (issue 21, part 1)
        return null;
    }
}
