package io.ultraline.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultraline.model.runtime.LoadedModel;
import io.ultraline.model.runtime.SignatureSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The shipped default model: loads (which verifies its weights digest), documents itself, stays small. */
class DefaultModelTest {

    static final Path DIR = Path.of("models", "line-vit");

    @Test
    void loadsWithAVerifiedDigestAndBothSignatures() {
        try (LoadedModel m = LoadedModel.load(DIR)) {
            assertThat(m.manifest().name()).isEqualTo("line-vit");
            assertThat(m.manifest().ultraVariant()).isEqualTo("fast");
            assertThat(m.config().imageSize()).isEqualTo(128);
            assertThat(m.config().numPatches()).isEqualTo(64);
            assertThat(m.signatures()).extracting(SignatureSummary::key).containsExactly("serving_default", "ultra");
            assertThat(m.signatures().get(0).inputs())
                    .singleElement()
                    .asString()
                    .startsWith("images ");
            assertThat(m.signatures().get(0).outputs()).anyMatch(o -> o.startsWith("tokens "));
            assertThat(m.signatures().get(1).inputs()).anyMatch(i -> i.startsWith("targets "));
            assertThat(m.signatures().get(1).outputs()).anyMatch(o -> o.startsWith("relevance "));
        }
    }

    @Test
    void manifestRecordsTrainingAndEvaluation() {
        ModelManifest m = ModelManifest.read(DIR);
        assertThat(m.training()).containsKeys("seed", "generatorVersion", "families", "steps", "pretext");
        assertThat(m.evaluation()).containsKeys("image_auroc", "pixel_auroc", "region_iou", "baseline_region_iou");
        assertThat(m.licence()).isNotBlank();
    }

    @Test
    void modelDirectoryIsAtMostTenMegabytes() throws IOException {
        long bytes;
        try (Stream<Path> files = Files.walk(DIR)) {
            bytes = files.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
        assertThat(bytes).isLessThanOrEqualTo(10L * 1024 * 1024);
    }
}
