package io.ultraline.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The dashboard of a running service with security on, in a real headless Chromium (Debian's
 * chromium + chromium-driver, as in DemoIT): without a session the browser gets 401; the one-time
 * /?access_token= login lands on a URL without the token with an HttpOnly session cookie; the page
 * is styled and shows the camera's tile with its overlay image loaded. A screenshot is kept in target/.
 */
final class SecureDashboardCheck {

    private SecureDashboardCheck() {}

    static void run(String base, String token, String cameraId) throws Exception {
        ChromeDriver browser = HeadlessChromium.start();
        try {
            browser.get(base + "/dashboard/index.html");
            assertThat(browser.findElements(By.id("tiles")))
                    .as("no dashboard without a session")
                    .isEmpty();
            assertThat(browser.findElement(By.tagName("body")).getText()).contains("bearer token required");
            browser.get(base + "/?access_token=wrong-token-0123456789");
            assertThat(browser.getCurrentUrl()).contains("access_token");
            assertThat(browser.manage().getCookieNamed(DashboardSession.COOKIE)).isNull();

            browser.get(base + "/?access_token=" + token);
            assertThat(browser.getCurrentUrl()).isEqualTo(base + "/dashboard/index.html");
            Cookie session = browser.manage().getCookieNamed(DashboardSession.COOKIE);
            assertThat(session).isNotNull();
            assertThat(session.isHttpOnly()).isTrue();
            assertThat(session.getSameSite()).isEqualTo("Strict");
            assertThat(session.getPath()).isEqualTo("/");
            assertThat(session.getValue()).doesNotContain(token);
            assertThat((String) browser.executeScript("return document.cookie;"))
                    .as("script cannot read the session")
                    .doesNotContain(DashboardSession.COOKIE);

            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        List<WebElement> tiles = browser.findElements(By.cssSelector("article.tile"));
                        return tiles.size() == 1
                                && List.of("OK", "DEFECT").contains(tiles.get(0).getAttribute("data-status"))
                                && "true"
                                        .equals(tiles.get(0)
                                                .findElement(By.cssSelector("img.overlay"))
                                                .getAttribute("data-loaded"));
                    });
            WebElement tile = browser.findElement(By.cssSelector("article.tile"));
            assertThat(tile.getAttribute("data-camera")).isEqualTo(cameraId);
            Object width = browser.executeScript(
                    "return arguments[0].naturalWidth;", tile.findElement(By.cssSelector("img.overlay")));
            assertThat(((Number) width).intValue()).isGreaterThanOrEqualTo(OverlayRenderer.MIN_SIDE);
            // dashboard.css was loaded and applied: the dark background and the tile grid
            assertThat(browser.executeScript("return getComputedStyle(document.body).backgroundColor;"))
                    .isEqualTo("rgb(21, 24, 28)");
            assertThat(browser.executeScript("return getComputedStyle(document.getElementById('tiles')).display;"))
                    .isEqualTo("grid");
            assertThat(browser.findElement(By.id("summary")).getText())
                    .contains("1 cameras")
                    .doesNotContain("connecting");
            assertThat(browser.getCurrentUrl()).doesNotContain("access_token");
            theSessionUsesTheOperatorsButtonsOnlyFromThePage(browser, cameraId);

            byte[] screenshot = browser.getScreenshotAs(OutputType.BYTES);
            BufferedImage shot = ImageIO.read(new ByteArrayInputStream(screenshot));
            assertThat(shot.getWidth()).isGreaterThan(600);
            Files.createDirectories(Path.of("target"));
            Files.write(Path.of("target", "dashboard-secure-it.png"), screenshot);
        } finally {
            browser.quit();
        }
    }

    /**
     * The session (opened with the API token) gets the operator's buttons; the server takes their
     * writes only with the page's header, so another page's script or form cannot use the cookie.
     */
    private static void theSessionUsesTheOperatorsButtonsOnlyFromThePage(ChromeDriver browser, String cameraId) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> "dashboard"
                                .equals(browser.findElement(By.tagName("body")).getAttribute("data-role"))
                        && !browser.findElement(By.cssSelector(".calibration-status"))
                                .getText()
                                .startsWith("calibration"));
        assertThat(browser.findElement(By.tagName("body")).getAttribute("data-can-write"))
                .isEqualTo("true");
        assertThat(browser.findElement(By.id("role")).getText()).doesNotContain("read-only");
        assertThat(browser.findElement(By.cssSelector(".calibration button.calibration-start"))
                        .isDisplayed())
                .isTrue();
        String ack = "const done = arguments[arguments.length - 1];"
                + "fetch('/api/alerts/' + encodeURIComponent('no-such-alert') + '/ack', {method: 'POST',"
                + " credentials: 'same-origin', body: '{}', headers: Object.assign({'Content-Type': 'application/json'},"
                + " arguments[0] ? {'X-Ultraline-Dashboard': 'write'} : {})})"
                + ".then(r => done(r.status), e => done(String(e)));";
        assertThat(((Number) browser.executeAsyncScript(ack, false)).intValue())
                .as("a write without the page's header is refused")
                .isEqualTo(403);
        assertThat(((Number) browser.executeAsyncScript(ack, true)).intValue())
                .as("the page's own write passes the filter and reaches the service")
                .isEqualTo(404);
        browser.findElement(By.cssSelector("article.tile button.history")).click();
        try {
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(300))
                    .until(() -> !browser.findElements(By.cssSelector("#detail-body table.frames tr[data-frame]"))
                            .isEmpty());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(
                    "the session's history view showed: "
                            + browser.findElement(By.id("detail")).getText(),
                    e);
        }
    }
}
