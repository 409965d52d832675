package io.ultraline.model;

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
        RunnerOptions single = new RunnerOptions(0, 0, 64, true, 1);
        assertThat(single.sessionIntraOpThreads()).isZero();
        assertThat(single.sessionInterOpThreads()).isZero();
        RunnerOptions explicit = new RunnerOptions(3, 4, 64, true, 2);
        assertThat(explicit.sessionIntraOpThreads()).isEqualTo(3);
        assertThat(explicit.sessionInterOpThreads()).isEqualTo(4);
        assertThatThrownBy(() -> new RunnerOptions(0, 0, 64, true, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
