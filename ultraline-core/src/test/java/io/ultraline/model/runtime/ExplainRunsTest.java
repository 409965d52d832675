package io.ultraline.model.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExplainRunsTest {

    @Test
    void oneRunAtATimeKeepsTheWholeBatchTogetherAndChunksTargets() {
        assertThat(ExplainRuns.plan(4, 64, 1, 64)).containsExactly(new ExplainRuns.Run(0, 4, 0, 64));
        assertThat(ExplainRuns.plan(3, 10, 1, 4))
                .containsExactly(
                        new ExplainRuns.Run(0, 3, 0, 4),
                        new ExplainRuns.Run(0, 3, 4, 4),
                        new ExplainRuns.Run(0, 3, 8, 2));
    }

    @Test
    void parallelRunsTakeOneFrameEachWithAllItsTargetsWhenThereAreEnoughFrames() {
        assertThat(ExplainRuns.plan(3, 64, 2, 64))
                .containsExactly(
                        new ExplainRuns.Run(0, 1, 0, 64),
                        new ExplainRuns.Run(1, 1, 0, 64),
                        new ExplainRuns.Run(2, 1, 0, 64));
    }

    @Test
    void fewerFramesThanRunsSplitEachFramesTargets() {
        assertThat(ExplainRuns.plan(1, 64, 2, 64))
                .containsExactly(new ExplainRuns.Run(0, 1, 0, 32), new ExplainRuns.Run(0, 1, 32, 32));
        assertThat(ExplainRuns.plan(2, 9, 8, 64))
                .hasSize(2 * 4)
                .allSatisfy(r -> assertThat(r.targets()).isBetween(2, 3));
        assertThat(ExplainRuns.plan(1, 64, 3, 64))
                .extracting(ExplainRuns.Run::targets)
                .containsExactly(21, 21, 22);
    }

    @ParameterizedTest(name = "batch {0}, {1} patches, {2} runs, chunk {3}")
    @CsvSource({
        "1, 64, 1, 64",
        "5, 64, 2, 64",
        "1, 64, 3, 64",
        "3, 7, 16, 64",
        "2, 64, 4, 10",
        "6, 16, 4, 5",
        "1, 1, 4, 64"
    })
    void everyFrameAndTargetIsInExactlyOneRun(int batch, int patches, int parallel, int chunk) {
        int[][] seen = new int[batch][patches];
        List<ExplainRuns.Run> runs = ExplainRuns.plan(batch, patches, parallel, chunk);
        for (ExplainRuns.Run r : runs) {
            assertThat(r.targets()).isBetween(1, chunk);
            for (int b = r.frame(); b < r.frame() + r.frames(); b++) {
                for (int t = r.target(); t < r.target() + r.targets(); t++) {
                    seen[b][t]++;
                }
            }
        }
        for (int[] frame : seen) {
            assertThat(frame).containsOnly(1);
        }
        if (parallel > 1) {
            assertThat(runs).hasSizeGreaterThanOrEqualTo(Math.min(parallel, batch * patches));
        }
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> ExplainRuns.plan(0, 64, 2, 64)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExplainRuns.plan(1, 64, 0, 64)).isInstanceOf(IllegalArgumentException.class);
    }
}
