package io.ultraline.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultraline.avro.CameraFrame;
import io.ultraline.stream.FrameRecordLimits;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FrameHttpEndpointTest {

    private final Progress progress = new Progress(
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            false,
            Long.MAX_VALUE,
            System::nanoTime);
    private final ListSink sink = new ListSink(progress);
    private final HttpClient client = HttpClient.newHttpClient();
    private FrameHttpEndpoint endpoint;

    @BeforeEach
    void start() throws Exception {
        Gateway gateway = new Gateway(
                new Gateway.Defaults("", null, null, Map.of()),
                null,
                new FrameCheck(FrameRecordLimits.defaults()),
                new Pacer(0),
                sink,
                progress,
                Clock.systemUTC());
        endpoint = new FrameHttpEndpoint(gateway, new InetSocketAddress("127.0.0.1", 0), 50_000, "http-t");
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    @Test
    void aPostedImageBecomesAFrameWithItsHeaders() throws Exception {
        HttpResponse<String> r = post(
                "/frames/cam-7",
                GatewayImages.jpeg(1),
                "X-Attribute-Serial",
                "A77",
                "X-Product-Id",
                "BRKT",
                "X-Frame-Id",
                "f-1");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"frameId\":\"f-1\"");
        CameraFrame frame = sink.frames.get(0);
        assertThat(frame.getCameraId()).isEqualTo("cam-7");
        assertThat(frame.getProductId()).isEqualTo("BRKT");
        assertThat(frame.getAttributes()).containsEntry("serial", "A77");
    }

    @Test
    void theCameraMayComeFromAHeaderAndTheFrameIdIsGenerated() throws Exception {
        HttpResponse<String> r = post("/frames", GatewayImages.png(2), "X-Camera-Id", "cam-8");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(sink.frames.get(0).getCameraId()).isEqualTo("cam-8");
        assertThat(sink.frames.get(0).getFrameId()).isEqualTo("http-t-000001");
    }

    @Test
    void badRequestsGetTheReasonAndSendNothing() throws Exception {
        HttpResponse<String> noImage = post("/frames/cam-1", "hello".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> noCamera = post("/frames", GatewayImages.png(3));
        HttpResponse<String> tooLarge = post("/frames/cam-1", new byte[50_001]);
        HttpResponse<String> get = client.send(
                HttpRequest.newBuilder(uri("/frames/cam-1")).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(noImage.statusCode()).isEqualTo(400);
        assertThat(noImage.body()).contains("not a PNG or JPEG");
        assertThat(noCamera.statusCode()).isEqualTo(400);
        assertThat(noCamera.body()).contains("no camera id");
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(sink.frames).isEmpty();
    }

    private HttpResponse<String> post(String path, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + endpoint.port() + path);
    }
}
