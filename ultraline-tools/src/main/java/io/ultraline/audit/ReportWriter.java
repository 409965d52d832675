package io.ultraline.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Writes an {@link AuditReport} into a directory: {@code report.json} (everything but the pictures)
 * and {@code report.html}, one self-contained page (inline style, overlay PNGs as data: URIs) with
 * the summary table, each mismatch with its differences and picture, and the lists of frames
 * without outcome, verdicts without frame and dead letters.
 */
public final class ReportWriter {

    /** The JSON file's name. */
    public static final String JSON = "report.json";
    /** The HTML file's name. */
    public static final String HTML = "report.html";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance));

    private ReportWriter() {}

    /** Writes both files, creating the directory. */
    public static void write(AuditReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        MAPPER.writeValue(dir.resolve(JSON).toFile(), report);
        Files.writeString(dir.resolve(HTML), html(report), StandardCharsets.UTF_8);
    }

    static String html(AuditReport r) {
        StringBuilder h = new StringBuilder(4096);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>ultraline audit ")
                .append(esc(r.from().toString()))
                .append(" to ")
                .append(esc(r.to().toString()))
                .append("</title>\n")
                .append("<style>body{font-family:sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse;"
                        + "margin:1em 0}td,th{border:1px solid #bbb;padding:.3em .6em;text-align:left;"
                        + "vertical-align:top}.pass{color:#070}.fail{color:#b00}.mismatch{border-top:2px solid #b00;"
                        + "padding-top:1em;margin-top:2em}img{image-rendering:pixelated;max-width:100%}</style>"
                        + "</head><body>\n");
        h.append("<h1>ultraline audit: <span class=\"")
                .append(r.passed() ? "pass\">" : "fail\">")
                .append(r.outcome())
                .append("</span></h1>\n");
        if (r.modelMismatch()) {
            h.append("<p class=\"fail\"><strong>Model mismatch:</strong> replayed with ")
                    .append(esc(r.model().digest()))
                    .append(", recorded by ")
                    .append(esc(String.join("; ", r.recordedModels())))
                    .append(" (--allow-model-mismatch). Differences are expected.</p>\n");
        }
        if (r.pipelineMismatch()) {
            h.append("<p class=\"fail\"><strong>Pipeline version differs:</strong> replayed with ")
                    .append(esc(r.replayPipeline()))
                    .append(", recorded by ")
                    .append(esc(String.join("; ", r.recordedPipelines())))
                    .append(". A difference may come from a change in the code, not from the records.</p>\n");
        }
        h.append("<table>\n");
        row(h, "frames topic", r.framesTopic());
        row(h, "range", r.from() + " to " + r.to() + " (end exclusive)");
        row(h, "cameras", r.cameras().isEmpty() ? "all" : String.join(", ", r.cameras()));
        row(
                h,
                "replay model",
                r.model().name() + " " + r.model().version() + " " + r.model().digest() + " ("
                        + r.model().directory() + ")");
        row(h, "recorded models", String.join("; ", r.recordedModels()));
        row(
                h,
                "pipeline versions",
                "replay " + r.replayPipeline() + ", recorded " + String.join("; ", r.recordedPipelines()));
        row(
                h,
                "tolerance",
                "scores within " + r.tolerance().score() + ", region mask IoU at least "
                        + r.tolerance().minIoU());
        row(h, "frames in range", Integer.toString(r.framesInRange()));
        row(h, "frames compared", Integer.toString(r.framesCompared()));
        row(h, "matched", Integer.toString(r.framesMatched()));
        row(h, "mismatched", Integer.toString(r.mismatches().size()));
        row(
                h,
                "frames with no verdict or dead letter",
                Integer.toString(r.framesWithoutOutcome().size()));
        row(
                h,
                "verdicts with no frame",
                Integer.toString(r.verdictsWithoutFrame().size()));
        row(h, "dead letters in range", Integer.toString(r.deadLetters().size()));
        row(
                h,
                "unreadable output records",
                Integer.toString(r.unreadableRecords().size()));
        row(
                h,
                "profiles rebuilt",
                r.profiles().stream()
                        .map(p -> p.key() + " v" + p.version() + " " + p.outcome())
                        .reduce((a, b) -> a + ", " + b)
                        .orElse("none calibrated in the range"));
        row(h, "replay time", String.format("%.1f s", r.seconds()));
        h.append("</table>\n");
        for (AuditReport.Mismatch m : r.mismatches()) {
            h.append("<div class=\"mismatch\"><h2>")
                    .append(esc(m.source()))
                    .append(" camera ")
                    .append(esc(m.cameraId()))
                    .append(" frame ")
                    .append(esc(m.frameId()))
                    .append("</h2>\n<p>recorded: ")
                    .append(esc(m.recordedOutcome()))
                    .append("; replayed: ")
                    .append(esc(m.replayedOutcome()))
                    .append("</p>\n<table><tr><th>field</th><th>recorded</th><th>replayed</th></tr>\n");
            for (Difference d : m.differences()) {
                h.append("<tr><td>")
                        .append(esc(d.field()))
                        .append("</td><td>")
                        .append(esc(d.recorded()))
                        .append("</td><td>")
                        .append(esc(d.replayed()))
                        .append("</td></tr>\n");
            }
            h.append("</table>\n");
            if (m.overlayPng() != null) {
                h.append("<img alt=\"overlay of ")
                        .append(esc(m.source()))
                        .append("\" src=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(m.overlayPng()))
                        .append("\">\n");
            }
            h.append("</div>\n");
        }
        if (!r.profiles().isEmpty()) {
            h.append("<h2>Profiles rebuilt from their calibration frames</h2>\n<table><tr><th>profile</th>"
                    + "<th>version</th><th>last calibration frame</th><th>outcome</th><th>detail</th></tr>\n");
            for (AuditReport.ProfileResult p : r.profiles()) {
                h.append("<tr><td>")
                        .append(esc(p.key()))
                        .append("</td><td>")
                        .append(p.version())
                        .append("</td><td>")
                        .append(esc(p.lastFrame()))
                        .append("</td><td class=\"")
                        .append(p.outcome().equals("DIFFERS") ? "fail" : "pass")
                        .append("\">")
                        .append(esc(p.outcome()))
                        .append("</td><td>")
                        .append(esc(p.detail()))
                        .append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        list(h, "Frames with no verdict or dead letter", r.framesWithoutOutcome());
        list(h, "Verdicts with no frame on the topic", r.verdictsWithoutFrame());
        list(h, "Unreadable output records", r.unreadableRecords());
        if (!r.deadLetters().isEmpty()) {
            h.append("<h2>Dead letters in range</h2>\n<table><tr><th>source</th><th>camera</th><th>frame</th>"
                    + "<th>reason</th><th>replay agrees</th><th>message</th></tr>\n");
            for (AuditReport.DeadLetter d : r.deadLetters()) {
                h.append("<tr><td>")
                        .append(esc(d.source()))
                        .append("</td><td>")
                        .append(esc(d.cameraId()))
                        .append("</td><td>")
                        .append(esc(d.frameId()))
                        .append("</td><td>")
                        .append(esc(d.reason()))
                        .append("</td><td>")
                        .append(d.replayAgrees() ? "yes" : "no")
                        .append("</td><td>")
                        .append(esc(d.message()))
                        .append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        return h.append("</body></html>\n").toString();
    }

    private static void row(StringBuilder h, String name, String value) {
        h.append("<tr><th>")
                .append(esc(name))
                .append("</th><td>")
                .append(esc(value))
                .append("</td></tr>\n");
    }

    private static void list(StringBuilder h, String title, List<String> items) {
        if (!items.isEmpty()) {
            h.append("<h2>")
                    .append(esc(title))
                    .append("</h2>\n<p>")
                    .append(esc(String.join(", ", items)))
                    .append("</p>\n");
        }
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
