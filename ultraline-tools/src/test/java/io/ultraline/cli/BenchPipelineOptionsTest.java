package io.ultraline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `bench pipeline` times the model alone unless told not to. */
class BenchPipelineOptionsTest {

    private static BenchCommand.Pipeline parse(String... args) {
        BenchCommand.Pipeline options = new BenchCommand.Pipeline();
        new CommandLine(options).parseArgs(args);
        return options;
    }

    @Test
    void theModelAloneIsTimedByDefaultAndSkippedWhenAsked() {
        assertThat(parse().modelAlone).isTrue();
        assertThat(parse("--model-alone").modelAlone).isTrue();
        assertThat(parse("--no-model-alone").modelAlone).isFalse();
    }
}
