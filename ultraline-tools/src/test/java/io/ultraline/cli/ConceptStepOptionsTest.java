package io.ultraline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultraline.ultra.SegmenterConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ConceptStepOptionsTest {

    private static ConceptStepOptions parsed(String... args) {
        ConceptStepOptions options = new ConceptStepOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }

    @Test
    void theJointStepTakesTheTokenLengthExponentAndDefaultsToTheProducts() {
        assertThat(parsed().config(null)).isEqualTo(SegmenterConfig.defaults());
        assertThat(parsed("--token-length-exponent", "1").config(3))
                .isEqualTo(SegmenterConfig.joint(3).withTokenLengthExponent(1));
    }

    @Test
    void theLinkageStepKeepsItsOwnSettings() {
        assertThat(parsed("--clustering", "linkage", "--tau", "0.4").config(null))
                .isEqualTo(SegmenterConfig.threshold(0.4));
    }
}
