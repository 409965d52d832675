package io.ultraline.alerting;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * A webhook on 127.0.0.1 that answers each request with the status a behaviour picks from the
 * idempotency key and the attempt number, logs every request, and deduplicates what it accepted by
 * {@code Idempotency-Key} the way a real receiver should.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as received. */
    record Request(String idempotencyKey, String contentType, String body, int status) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> log = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
    private volatile BiFunction<String, Integer, Integer> behaviour = (key, attempt) -> 200;

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Sets the status for (idempotency key, 1-based attempt of that key); may block to hold a request. */
    void behaviour(BiFunction<String, Integer, Integer> statusFor) {
        this.behaviour = statusFor;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String key = exchange.getRequestHeaders().getFirst(HttpWebhookSender.IDEMPOTENCY_KEY);
            int attempt = attempts.computeIfAbsent(String.valueOf(key), k -> new AtomicInteger()).incrementAndGet();
            int status = "POST".equals(exchange.getRequestMethod()) ? behaviour.apply(key, attempt) : 405;
            if (RetryPolicy.accepted(status)) {
                accepted.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            }
            log.add(new Request(key, exchange.getRequestHeaders().getFirst("Content-Type"), body, status));
            exchange.sendResponseHeaders(status, -1);
        }
    }

    /** Every request so far, in arrival order. */
    List<Request> log() {
        return List.copyOf(log);
    }

    /** Requests made for one key. */
    int attempts(String key) {
        AtomicInteger n = attempts.get(key);
        return n == null ? 0 : n.get();
    }

    /** How often each key was answered 2xx: a deduplicating receiver keeps one of each. */
    Map<String, Integer> acceptedCounts() {
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        accepted.forEach((k, v) -> counts.put(k, v.get()));
        return counts;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
