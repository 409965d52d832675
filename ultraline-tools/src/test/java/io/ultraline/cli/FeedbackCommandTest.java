package io.ultraline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The feedback command line against a stand-in of the service's API: what it posts, and exit 2
 * with the reason for bad input (refused before any request) and for the service's refusals.
 */
class FeedbackCommandTest {

    private HttpServer server;
    private final List<String> requests = new ArrayList<>();
    private volatile int status = 202;
    private volatile String answer =
            "{\"kind\":\"FALSE_ALARM\",\"feedbackId\":\"fb-1\",\"cameraId\":\"cam-1\"," + "\"frameId\":\"f 1\"}";

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.add(
                    exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + " "
                            + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String service() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void aFalseAlarmIsPostedForTheFrame() {
        assertThat(Main.run(
                        "feedback",
                        "--camera",
                        "cam-1",
                        "--frame",
                        "f 1",
                        "--false-alarm",
                        "--region",
                        "2",
                        "--service",
                        service()))
                .isZero();
        assertThat(requests)
                .singleElement()
                .satisfies(r -> assertThat(r)
                        .startsWith("POST /api/cameras/cam-1/frames/f%201/feedback ")
                        .contains("\"kind\":\"FALSE_ALARM\"", "\"regionIndex\":2"));
    }

    @Test
    void anAcknowledgementIsPostedForTheAlert() {
        answer = "{\"kind\":\"ALERT_ACK\",\"feedbackId\":\"fb-2\",\"cameraId\":\"cam-1\",\"alertId\":\"a-1\"}";
        assertThat(Main.run("feedback", "ack", "--alert", "a-1", "--note", "seen", "--service", service()))
                .isZero();
        assertThat(requests)
                .singleElement()
                .satisfies(r ->
                        assertThat(r).startsWith("POST /api/alerts/a-1/ack ").contains("\"note\":\"seen\""));
    }

    @Test
    void badInputAndRefusalsExit2() {
        assertThat(Main.run("feedback", "--camera", "cam-1", "--frame", "f", "--service", service()))
                .isEqualTo(2);
        assertThat(Main.run(
                        "feedback",
                        "--camera",
                        "cam-1",
                        "--frame",
                        "f",
                        "--confirmed",
                        "bubble",
                        "--service",
                        service()))
                .isEqualTo(2);
        assertThat(Main.run(
                        "feedback",
                        "--camera",
                        "cam-1",
                        "--frame",
                        "f",
                        "--false-alarm",
                        "--confirmed",
                        "dent",
                        "--service",
                        service()))
                .isEqualTo(2);
        assertThat(requests).as("refused before any request").isEmpty();
        status = 404;
        answer = "{\"error\":\"no frame\"}";
        assertThat(Main.run("feedback", "--camera", "cam-1", "--frame", "f", "--false-alarm", "--service", service()))
                .isEqualTo(2);
        assertThat(Main.run(
                        "calibration",
                        "margin",
                        "--camera",
                        "cam-1",
                        "--value",
                        "0",
                        "--bootstrap-servers",
                        "127.0.0.1:1",
                        "--registry-url",
                        "http://127.0.0.1:1"))
                .isEqualTo(2);
    }
}
