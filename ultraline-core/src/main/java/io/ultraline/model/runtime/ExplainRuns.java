package io.ultraline.model.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * How one explain call over a batch is split into session runs. With one run at a time the whole
 * batch goes into each run, targets chunked to bound memory. With parallel runs every frame gets
 * its own runs, and when there are fewer frames than runs each frame's targets are split so that
 * every run has work (each chunk repeats the frame's forward, about 2 % of its backward). A batch
 * that is not a multiple of the runs leaves runs idle for its last frames (3 frames on 2 runs:
 * the third runs alone).
 */
final class ExplainRuns {

    /**
     * Frames [frame, frame + frames) and targets [target, target + targets) in one session run; the
     * targets are positions in the call's list of targets (patch indices when it has all N).
     */
    record Run(int frame, int frames, int target, int targets) {}

    private ExplainRuns() {}

    static List<Run> plan(int batch, int targetCount, int parallelRuns, int targetChunk) {
        if (batch < 1 || targetCount < 1 || parallelRuns < 1 || targetChunk < 1) {
            throw new IllegalArgumentException("batch, targets, parallel runs and target chunk must be >= 1");
        }
        List<Run> runs = new ArrayList<>();
        if (parallelRuns == 1) {
            for (int from = 0; from < targetCount; from += targetChunk) {
                runs.add(new Run(0, batch, from, Math.min(targetChunk, targetCount - from)));
            }
            return runs;
        }
        // near-equal parts (sizes differ by at most one), so that runs finish together
        int parts = Math.min(targetCount, Math.max(ceilDiv(targetCount, targetChunk), ceilDiv(parallelRuns, batch)));
        for (int b = 0; b < batch; b++) {
            for (int k = 0; k < parts; k++) {
                int from = (int) ((long) k * targetCount / parts);
                int to = (int) ((long) (k + 1) * targetCount / parts);
                runs.add(new Run(b, 1, from, to - from));
            }
        }
        return runs;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
