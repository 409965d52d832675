package io.ultraline.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ultraline.cli.Demo;
import io.ultraline.dev.CameraLineSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The dashboard for a shift in a real headless Chromium against the demo's embedded stack:
 * normalised scores and HTML captions on the tiles, an alert's evidence opened from its button
 * (read back from line.verdicts, since the history held is kept tiny here), a camera's history,
 * and the calibration buttons changing the camera's calibration status. A screenshot is kept in
 * target/dashboard-shift-it.png (docs/dashboard.png comes from it).
 */
class ShiftDashboardIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Fewer verdicts per camera than an alert's window holds: the evidence must come from the topic. */
    private static final int HISTORY_FRAMES = 4;

    @AfterEach
    void clearProperty() {
        System.clearProperty("ultraline.dashboard.history-frames");
    }

    @Test
    void theShiftViewShowsEvidenceHistoryAndDrivesCalibration() throws Exception {
        System.setProperty("ultraline.dashboard.history-frames", String.valueOf(HISTORY_FRAMES));
        Demo.Settings settings = new Demo.Settings(
                Path.of("models/line-vit"),
                0,
                0,
                0,
                2,
                // one frame a second: a frame stays among the 8 recent ones (what feedback judges) for 8 s
                new CameraLineSimulator.Settings(2, 1, 0.5, 12, 128, "line-it", 11));
        try (Demo demo = Demo.start(settings)) {
            String base = demo.dashboardUrl().replaceAll("/$", "");
            JsonNode alert = await().atMost(Duration.ofMinutes(4))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> get(base + "/api/alerts").path("alerts").path(0), a -> !a.isMissingNode());
            String alertId = alert.path("alertId").asText();
            JsonNode evidence = get(base + "/api/evidence?alertId="
                    + java.net.URLEncoder.encode(alertId, java.nio.charset.StandardCharsets.UTF_8));
            assertThat(evidence.path("readFrom").asText())
                    .isEqualTo(demo.topics().verdicts().name());
            assertThat(evidence.path("frames").size()).isGreaterThan(HISTORY_FRAMES);

            ChromeDriver browser = HeadlessChromium.start();
            try {
                browser.get(base + "/");
                tilesShowNormalisedScoresAndCaptions(browser);
                evidenceOpensFromTheAlert(
                        browser, alertId, demo.topics().verdicts().name());
                historyOpensFromTheTile(browser);
                calibrationButtonsChangeTheStatus(browser);
                aFalseAlarmIsMarkedAndKept(browser, base);
                anAlertIsAcknowledged(browser, alertId);
                Files.createDirectories(Path.of("target"));
                Files.write(Path.of("target", "dashboard-shift-it.png"), browser.getScreenshotAs(OutputType.BYTES));
            } finally {
                browser.quit();
            }
        }
    }

    private static void tilesShowNormalisedScoresAndCaptions(ChromeDriver browser) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
                .until(() ->
                        browser.findElements(By.cssSelector("article.tile")).size() == 2
                                && browser.findElements(By.cssSelector("article.tile")).stream()
                                        .allMatch(t -> !t.getAttribute("data-normalised")
                                                        .isEmpty()
                                                && "true"
                                                        .equals(t.findElement(By.cssSelector("img.overlay"))
                                                                .getAttribute("data-loaded"))));
        for (WebElement tile : browser.findElements(By.cssSelector("article.tile"))) {
            String caption =
                    tile.findElement(By.cssSelector("figcaption.caption")).getText();
            assertThat(caption)
                    .contains(tile.getAttribute("data-camera"))
                    .contains("× threshold")
                    .contains("regions")
                    .contains("frame ");
            // the PNG has no caption strip any more: as tall as it is wide, like the frames
            Object size = browser.executeScript(
                    "const i = arguments[0]; return [i.naturalWidth, i.naturalHeight];",
                    tile.findElement(By.cssSelector("img.overlay")));
            assertThat((java.util.List<?>) size).element(0).isEqualTo(((java.util.List<?>) size).get(1));
        }
        assertThat(browser.findElement(By.tagName("body")).getAttribute("data-can-write"))
                .isEqualTo("true");
    }

    private static void evidenceOpensFromTheAlert(ChromeDriver browser, String alertId, String verdictsTopic) {
        click(browser, "#alerts li[data-alert='" + alertId + "'] button.evidence");
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() ->
                        "evidence".equals(browser.findElement(By.id("detail")).getAttribute("data-view"))
                                && !browser.findElements(By.cssSelector("#detail-body table.frames tr[data-frame]"))
                                        .isEmpty()
                                && "true".equals(attribute(browser, "#detail-body img.detail-overlay", "data-loaded")));
        assertThat(attribute(browser, "#evidence-summary", "data-read-from")).isEqualTo(verdictsTopic);
        assertThat(browser.findElements(By.cssSelector("#detail-body table.frames tr[data-frame]")))
                .hasSizeGreaterThan(HISTORY_FRAMES);
    }

    private static void historyOpensFromTheTile(ChromeDriver browser) {
        click(browser, "article.tile button.history");
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() ->
                        "history".equals(browser.findElement(By.id("detail")).getAttribute("data-view"))
                                && browser.findElements(By.cssSelector("#detail-body table.frames tr[data-frame]"))
                                                .size()
                                        == HISTORY_FRAMES
                                && !browser.findElements(By.cssSelector("#detail-body svg.history-chart line.point"))
                                        .isEmpty());
    }

    private static void calibrationButtonsChangeTheStatus(ChromeDriver browser) {
        String tile = "article.tile:first-of-type .calibration";
        ((JavascriptExecutor) browser)
                .executeScript("document.querySelector(arguments[0]).value = '200';", tile + " input.frames");
        click(browser, tile + " button.calibration-start");
        // what the page showed while waiting, for the failure message
        java.util.Set<String> seen = new java.util.LinkedHashSet<>();
        // the command waits behind the frames the stream has yet to process: on a busy machine, a minute and more
        try {
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(300))
                    .until(() -> {
                        seen.add(attribute(browser, tile, "data-state") + " | "
                                + text(browser, tile + " .calibration-status") + " | "
                                + text(browser, tile + " .calibration-result"));
                        return "running".equals(attribute(browser, tile, "data-state"))
                                && text(browser, tile + " .calibration-status")
                                        .matches("calibrating: \\d+ / 200 frames");
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the calibration never showed as running; the tile showed " + seen, e);
        }
        click(browser, tile + " button.calibration-stop");
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> "idle".equals(attribute(browser, tile, "data-state")));
        assertThat(text(browser, tile + " .calibration-result")).startsWith("stop sent");
    }

    /** The newest frame of the history marked as a false alarm: the row says so, and the service keeps it. */
    private static void aFalseAlarmIsMarkedAndKept(ChromeDriver browser, String base) throws Exception {
        // the second camera: the first one was just recalibrated
        String history = "article.tile:nth-of-type(2) button.history";
        click(browser, history);
        String row = "#detail-body table.frames tr[data-frame]";
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> attribute(browser, row + " button.false-alarm", "class") != null);
        // the newest row with the buttons (a frame the service still holds)
        String frameId = (String) ((JavascriptExecutor) browser)
                .executeScript(
                        "return document.querySelector(" + "arguments[0]).closest('tr').getAttribute('data-frame');",
                        row + " button.false-alarm");
        click(browser, "#detail-body tr[data-frame='" + frameId + "'] button.false-alarm");
        String marked = "#detail-body tr[data-frame='" + frameId + "'] .feedback";
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> "FALSE_ALARM".equals(attribute(browser, marked, "data-feedback")));
        assertThat(text(browser, marked)).startsWith("false alarm");
        // and the service keeps it: the camera's feedback, newest first
        String cameraId = attribute(browser, "#detail-body tr[data-frame='" + frameId + "']", "data-camera");
        JsonNode feedback = get(base + "/api/cameras/" + cameraId + "/feedback");
        assertThat(feedback.path(0).path("frameId").asText()).isEqualTo(frameId);
        assertThat(feedback.path(0).path("kind").asText()).isEqualTo("FALSE_ALARM");
    }

    private static void anAlertIsAcknowledged(ChromeDriver browser, String alertId) {
        String alert = "#alerts li[data-alert='" + alertId + "']";
        click(browser, alert + " button.acknowledge");
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> attribute(browser, alert, "data-acknowledged") != null);
        assertThat(text(browser, alert + " .ack")).startsWith("acknowledged");
    }

    private static void click(ChromeDriver browser, String css) {
        ((JavascriptExecutor) browser).executeScript("document.querySelector(arguments[0]).click();", css);
    }

    private static String attribute(ChromeDriver browser, String css, String name) {
        return (String) ((JavascriptExecutor) browser)
                .executeScript(
                        "const e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null;",
                        css,
                        name);
    }

    private static String text(ChromeDriver browser, String css) {
        return (String) ((JavascriptExecutor) browser)
                .executeScript("const e = document.querySelector(arguments[0]); return e ? e.textContent : '';", css);
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> r =
                HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
