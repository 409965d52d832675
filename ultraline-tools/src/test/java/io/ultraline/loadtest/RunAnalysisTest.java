package io.ultraline.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunAnalysisTest {

    private static Sample s(long tMs, long outcomes, long backlog) {
        return new Sample(tMs, outcomes + backlog, outcomes, 0, backlog, backlog, 1, 1, 1, new long[0]);
    }

    @Test
    void aFlatBacklogIsSustained() {
        List<Sample> during = new ArrayList<>();
        for (int i = 0; i <= 10; i++) {
            during.add(s(i * 1000L, i * 20L, 5 + i % 2));
        }
        RunAnalysis.Step step = RunAnalysis.judge(20, during, 300, 600, 700, 3000, 40);
        assertThat(step.sustained()).isTrue();
        assertThat(step.deliveredFps()).isEqualTo(20.0);
    }

    @Test
    void aGrowingBacklogIsNotSustainedEvenUnderTheBound() {
        List<Sample> during = new ArrayList<>();
        for (int i = 0; i <= 10; i++) {
            during.add(s(i * 1000L, i * 20L, 3L * i));
        }
        RunAnalysis.Step step = RunAnalysis.judge(20, during, 300, 600, 700, 3000, 40);
        assertThat(step.sustained()).isFalse();
        assertThat(step.reason()).contains("grows");
        assertThat(RunAnalysis.slope(during)).isEqualTo(3.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void fallingBehindTheOfferedRateIsNotSustained() {
        List<Sample> during = new ArrayList<>();
        for (int i = 0; i <= 10; i++) {
            during.add(s(i * 1000L, i * 18L, 5));
        }
        RunAnalysis.Step step = RunAnalysis.judge(20, during, 300, 600, 700, 3000, 40);
        assertThat(step.sustained()).isFalse();
        assertThat(step.reason()).startsWith("delivered 18.0");
    }

    @Test
    void aBacklogOverTheBoundOrAHighP99IsNotSustained() {
        List<Sample> during = List.of(s(0, 0, 50), s(1000, 20, 50));
        assertThat(RunAnalysis.judge(20, during, 1, 1, 1, 3000, 40).reason()).startsWith("backlog 50");
        List<Sample> ok = List.of(s(0, 0, 5), s(1000, 20, 5));
        assertThat(RunAnalysis.judge(20, ok, 1, 3500, 4000, 3000, 40).reason()).startsWith("p99");
    }

    @Test
    void recoveryEndsWhenTheBacklogStaysUnderTheBound() {
        List<Sample> samples = new ArrayList<>();
        long[] backlog = {5, 5, 5, 30, 60, 90, 20, 50, 10, 6, 5, 5};
        for (int i = 0; i < backlog.length; i++) {
            samples.add(s((i + 1) * 1000L, i * 10L, backlog[i]));
        }
        // kill at 3.5 s; back under 40 at 7 s, over again at 8 s, under for good from 9 s
        RunAnalysis.Recovery r = RunAnalysis.recovery(samples, 3500, 12_000, 40);
        assertThat(r.recoveredAfterMs()).isEqualTo(9000 - 3500);
        assertThat(r.peakBacklog()).isEqualTo(90);
        assertThat(r.takeoverAfterMs()).as("the peak at 6 s").isEqualTo(6000 - 3500);
    }

    @Test
    void noRecoveryWhileTheBacklogEndsOverTheBound() {
        List<Sample> samples = List.of(s(1000, 0, 5), s(2000, 0, 50), s(3000, 0, 80));
        assertThat(RunAnalysis.recovery(samples, 1500, 3000, 40).recoveredAfterMs())
                .isEqualTo(-1);
    }

    @Test
    void theBoundIsTwoSecondsOfFramesOrTwoBatchesPerInstance() {
        assertThat(RunAnalysis.backlogBound(30, 8, 2)).isEqualTo(60);
        assertThat(RunAnalysis.backlogBound(4, 8, 2)).isEqualTo(32);
    }
}
