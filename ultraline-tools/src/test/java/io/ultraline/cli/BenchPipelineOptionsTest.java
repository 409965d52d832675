package io.ultraline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `bench pipeline` times the model alone unless told not to, and takes a fixed zoom. */
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

    @Test
    void theZoomIsNoneByDefaultAFixedScaleWhenGivenAndNeverAuto() {
        assertThat(BenchCommand.Pipeline.benchZoom(parse().zoom)).isEqualTo(1);
        assertThat(BenchCommand.Pipeline.benchZoom(parse("--zoom", "3").zoom)).isEqualTo(3);
        assertThatThrownBy(() -> BenchCommand.Pipeline.benchZoom(parse("--zoom", "auto").zoom))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not auto");
        assertThatThrownBy(() -> BenchCommand.Pipeline.benchZoom("7")).hasMessageContaining("got '7'");
    }
}
