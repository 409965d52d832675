package io.ultraline.model.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RunnerOptionsTest {

    @Test
    void autoIsOneRunPerProcessorWithSingleThreadedOpsAndExplicitValuesAreKept() {
        RunnerOptions auto = RunnerOptions.defaults();
        int cpus = Runtime.getRuntime().availableProcessors();
        assertThat(auto.resolvedParallelRuns()).isEqualTo(cpus);
        assertThat(auto.sessionIntraOpThreads()).isEqualTo(cpus > 1 ? 1 : 0);
        assertThat(auto.sessionInterOpThreads()).isEqualTo(cpus > 1 ? cpus : 0);
        RunnerOptions single = RunnerOptions.defaults().withParallelRuns(1);
        assertThat(single.sessionIntraOpThreads()).isZero();
        assertThat(single.sessionInterOpThreads()).isZero();
        RunnerOptions explicit = RunnerOptions.defaults()
                .withIntraOpThreads(3)
                .withInterOpThreads(4)
                .withParallelRuns(2);
        assertThat(explicit.sessionIntraOpThreads()).isEqualTo(3);
        assertThat(explicit.sessionInterOpThreads()).isEqualTo(4);
    }

    @Test
    void eachNamedSetterChangesOnlyItsOwnValueAndLeavesTheOriginalAsItWas() {
        RunnerOptions base = RunnerOptions.defaults();
        RunnerOptions built = base.withIntraOpThreads(2)
                .withInterOpThreads(3)
                .withTargetChunk(7)
                .withWarmUp(false)
                .withParallelRuns(5);
        assertThat(built.intraOpThreads()).isEqualTo(2);
        assertThat(built.interOpThreads()).isEqualTo(3);
        assertThat(built.targetChunk()).isEqualTo(7);
        assertThat(built.warmUp()).isFalse();
        assertThat(built.parallelRuns()).isEqualTo(5);
        assertThat(base).isEqualTo(RunnerOptions.defaults());
        assertThat(base.targetChunk()).isEqualTo(64);
        assertThat(base.warmUp()).isTrue();
        assertThat(base.withTargetChunk(7).withTargetChunk(64)).isEqualTo(base).hasSameHashCodeAs(base);
    }

    @Test
    void aBadValueIsRejectedWithItsOwnName() {
        RunnerOptions d = RunnerOptions.defaults();
        assertThatThrownBy(() -> d.withIntraOpThreads(-1)).hasMessageContaining("intraOpThreads");
        assertThatThrownBy(() -> d.withInterOpThreads(-1)).hasMessageContaining("interOpThreads");
        assertThatThrownBy(() -> d.withTargetChunk(0)).hasMessageContaining("targetChunk");
        assertThatThrownBy(() -> d.withParallelRuns(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parallelRuns");
    }
}
