package io.ultraline.alerting;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A switch in front of the real registry, on 127.0.0.1: while down it answers every request 503,
 * as a registry restarting behind a load balancer does; while up it passes GETs through, except
 * for schema ids it was told to answer itself.
 */
final class RegistryProxy implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final HttpClient client = HttpClient.newHttpClient();
    private final String target;
    private final AtomicInteger refused = new AtomicInteger();
    private final Map<Integer, String> overrides = new ConcurrentHashMap<>();
    private volatile boolean down;

    /** @param target the real registry's Confluent API base URL */
    RegistryProxy(String target) throws IOException {
        this.target = target.endsWith("/") ? target.substring(0, target.length() - 1) : target;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void down(boolean isDown) {
        this.down = isDown;
    }

    /**
     * Answers {@code GET /schemas/ids/<id>} with {@code schema} itself, as a registry that stored a
     * schema Apicurio would refuse (Confluent's does not check defaults) would.
     */
    void serve(int id, String schema) {
        overrides.put(id, schema);
    }

    /** Requests answered 503 so far. */
    int refused() {
        return refused.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            if (down || !"GET".equals(exchange.getRequestMethod())) {
                refused.incrementAndGet();
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            String path = exchange.getRequestURI().getPath();
            for (Map.Entry<Integer, String> e : overrides.entrySet()) {
                if (path.endsWith("/schemas/ids/" + e.getKey())) {
                    byte[] body = JSON.writeValueAsBytes(Map.of("schema", e.getValue()));
                    exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                    return;
                }
            }
            HttpResponse<byte[]> answer;
            try {
                answer = client.send(
                        HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            answer.headers()
                    .firstValue("Content-Type")
                    .ifPresent(v -> exchange.getResponseHeaders().add("Content-Type", v));
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            if (answer.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
