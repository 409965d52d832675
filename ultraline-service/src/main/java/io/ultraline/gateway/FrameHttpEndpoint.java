package io.ultraline.gateway;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ultraline.avro.ImageEncoding;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Frames by HTTP, for cameras and vision controllers that can POST a picture but not speak Kafka:
 * {@code POST /frames/{cameraId}} (or {@code /frames} with an {@code X-Camera-Id} header), body =
 * the PNG or JPEG file; {@code X-Frame-Id}, {@code X-Product-Id} and {@code X-Attribute-<name>}
 * headers add the rest. The answer comes after the broker acknowledged the frame (200, with the
 * frame id), so a camera that gets no 200 knows to send again; a refused frame gets 400 or 413
 * with the reason, a broker failure 503. Binds to loopback unless told otherwise: it has no
 * authentication of its own.
 */
public final class FrameHttpEndpoint implements AutoCloseable {

    /** Prefix of the headers that become attributes. */
    public static final String ATTRIBUTE_HEADER = "X-Attribute-";

    private static final Duration ACK_WAIT = Duration.ofSeconds(30);

    private final Gateway gateway;
    private final int maxBytes;
    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "ultraline-produce-http");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong seq = new AtomicLong();
    private final String idPrefix;

    public FrameHttpEndpoint(Gateway gateway, InetSocketAddress bind, int maxBytes, String frameIdPrefix)
            throws IOException {
        this.gateway = gateway;
        this.maxBytes = maxBytes;
        this.idPrefix = frameIdPrefix;
        this.server = HttpServer.create(bind, 64);
        server.createContext("/frames", this::handle);
        server.setExecutor(workers);
        server.start();
    }

    /** The port it listens on (for a bind to port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!"POST".equals(ex.getRequestMethod())) {
                ex.getResponseHeaders().add("Allow", "POST");
                answer(ex, 405, "POST an image to /frames/{cameraId}");
                return;
            }
            Headers h = ex.getRequestHeaders();
            String path = ex.getRequestURI().getPath();
            String camera =
                    path.startsWith("/frames/") ? path.substring("/frames/".length()) : h.getFirst("X-Camera-Id");
            if (camera == null || camera.isBlank() || camera.contains("/")) {
                camera = gateway.defaults().cameraId();
            }
            byte[] body = readBody(ex.getRequestBody());
            if (body == null) {
                answer(ex, 413, "the image is larger than " + maxBytes + " bytes");
                return;
            }
            ImageEncoding encoding = FrameCheck.encodingOf(body);
            if (encoding == null) {
                answer(ex, 400, "the body is not a PNG or JPEG file (" + body.length + " bytes)");
                return;
            }
            String frameId = h.getFirst("X-Frame-Id");
            if (frameId == null || frameId.isBlank()) {
                frameId = String.format("%s-%06d", idPrefix, seq.incrementAndGet());
            }
            String product = h.getFirst("X-Product-Id");
            FrameCheck.Identity id = gateway.identity(
                    camera,
                    frameId,
                    product != null ? product : gateway.defaults().productId(),
                    attributes(h));
            Future<?> sent;
            try {
                sent = gateway.sendOrThrow(id, encoding, body);
            } catch (FrameRefusedException e) {
                answer(ex, 400, e.getMessage());
                return;
            }
            sent.get(ACK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            answer(ex, 200, "{\"cameraId\":\"" + json(camera) + "\",\"frameId\":\"" + json(frameId) + "\"}");
        } catch (ExecutionException | TimeoutException e) {
            answer(
                    ex,
                    503,
                    "the frame was not acknowledged by Kafka: "
                            + (e.getCause() != null ? e.getCause().getMessage() : "no answer within " + ACK_WAIT));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer(ex, 503, "the gateway is stopping");
        }
    }

    /** X-Attribute-Shift: night gives shift=night (names in lower case: HTTP header names have no case). */
    static Map<String, String> attributes(Headers headers) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            if (name.regionMatches(true, 0, ATTRIBUTE_HEADER, 0, ATTRIBUTE_HEADER.length())
                    && name.length() > ATTRIBUTE_HEADER.length()
                    && !values.isEmpty()) {
                out.put(name.substring(ATTRIBUTE_HEADER.length()).toLowerCase(Locale.ROOT), values.get(0));
            }
        });
        return out;
    }

    private byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(maxBytes + 1);
        return body.length > maxBytes ? null : body;
    }

    private static void answer(HttpExchange ex, int status, String text) throws IOException {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders()
                .set("Content-Type", text.startsWith("{") ? "application/json" : "text/plain; charset=utf-8");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Override
    public void close() {
        server.stop(1);
        workers.shutdownNow();
    }
}
