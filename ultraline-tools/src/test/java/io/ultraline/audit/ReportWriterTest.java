package io.ultraline.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ultraline.stream.PipelineVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    @Test
    void writesJsonAndASelfContainedPage(@TempDir Path dir) throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        AuditReport report = new AuditReport(
                "line.frames",
                Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-02T00:00:00Z"),
                List.of("cam-1"),
                new AuditReport.ModelInfo("models/x", "tiny", "1", "abc"),
                List.of("tiny 1 abc"),
                false,
                List.of("0.0.9"),
                Tolerance.defaults(),
                3,
                2,
                1,
                List.of(new AuditReport.Mismatch(
                        "0@5",
                        "cam-1",
                        "<f>",
                        "verdict OK",
                        "verdict DEFECT",
                        List.of(new Difference("status", "OK", "DEFECT")),
                        png)),
                List.of("0@6"),
                List.of(),
                List.of(),
                List.of("line.verdicts 0@9: not Avro"),
                List.of(new AuditReport.ProfileResult("cam-1", 1, "0@3", "DIFFERS", "threshold 1.0 vs 2.0")),
                1.5);

        ReportWriter.write(report, dir);

        JsonNode json =
                new ObjectMapper().readTree(dir.resolve(ReportWriter.JSON).toFile());
        assertThat(json.get("passed").asBoolean()).isFalse();
        assertThat(json.get("outcome").asText()).isEqualTo("FAILED");
        assertThat(json.get("from").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(json.get("mismatches")
                        .get(0)
                        .get("differences")
                        .get(0)
                        .get("field")
                        .asText())
                .isEqualTo("status");
        assertThat(json.get("mismatches").get(0).has("overlayPng")).isFalse();
        assertThat(json.get("pipelineMismatch").asBoolean()).isTrue();
        assertThat(json.get("replayPipeline").asText()).isEqualTo(PipelineVersion.CURRENT);
        String html = Files.readString(dir.resolve(ReportWriter.HTML));
        assertThat(html).contains("Pipeline version differs", "recorded by 0.0.9");
        assertThat(html)
                .contains(
                        "FAILED",
                        "&lt;f&gt;",
                        "data:image/png;base64,iVBORw==",
                        "0@6",
                        "0@9: not Avro",
                        "threshold 1.0 vs 2.0")
                .doesNotContain("<f>", "src=\"http");
    }

    @Test
    void aRangeWithNothingInItIsEmptyNotPassed(@TempDir Path dir) throws Exception {
        AuditReport empty = new AuditReport(
                "line.frames",
                Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-02T00:00:00Z"),
                List.of(),
                new AuditReport.ModelInfo("models/x", "tiny", "1", "abc"),
                List.of(),
                false,
                List.of(),
                Tolerance.defaults(),
                0,
                0,
                0,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                0.1);

        assertThat(empty.empty()).isTrue();
        assertThat(empty.passed()).isFalse();
        assertThat(empty.outcome()).isEqualTo("EMPTY");
        ReportWriter.write(empty, dir);
        assertThat(new ObjectMapper()
                        .readTree(dir.resolve(ReportWriter.JSON).toFile())
                        .get("outcome")
                        .asText())
                .isEqualTo("EMPTY");
        assertThat(Files.readString(dir.resolve(ReportWriter.HTML)))
                .contains("EMPTY")
                .doesNotContain("PASSED", "Pipeline version differs");
        assertThat(empty.pipelineMismatch()).isFalse();
    }
}
