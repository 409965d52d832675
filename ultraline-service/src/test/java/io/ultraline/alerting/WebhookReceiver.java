package io.ultraline.alerting;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook on 127.0.0.1 that answers each request with the status a behaviour picks from the
 * idempotency key and the attempt number, logs every request, and deduplicates what it accepted by
 * {@code Idempotency-Key} the way a real receiver should; once given the shared secret, it checks
 * each request's signature the way docs/alerting.md tells receivers to.
 */
final class WebhookReceiver implements AutoCloseable {

    /**
     * One request as received.
     *
     * @param signature what the signature check found: {@code valid}, {@code absent}, or why it failed
     */
    record Request(String idempotencyKey, String contentType, String body, int status, String signature) {}

    /** Accepted distance between a signature's timestamp and this receiver's clock. */
    static final long TOLERANCE_SECONDS = 300;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> log = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
    private volatile BiFunction<String, Integer, Integer> behaviour = (key, attempt) -> 200;
    private volatile byte[] secret;

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

    /** The URL with more path and query after {@code /hook}, the way webhook URLs carry tokens. */
    URI url(String pathAndQuery) {
        return URI.create(url() + pathAndQuery);
    }

    /** Checks the signature of every later request against {@code sharedSecret}, as a receiver would. */
    void verifySignaturesWith(byte[] sharedSecret) {
        this.secret = sharedSecret.clone();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange;
                InputStream in = exchange.getRequestBody()) {
            byte[] raw = in.readAllBytes();
            String signature = checkSignature(exchange.getRequestHeaders().getFirst("X-Ultraline-Signature"), raw);
            String body = new String(raw, StandardCharsets.UTF_8);
            String key = exchange.getRequestHeaders().getFirst(HttpWebhookSender.IDEMPOTENCY_KEY);
            int attempt = attempts.computeIfAbsent(String.valueOf(key), k -> new AtomicInteger())
                    .incrementAndGet();
            int status = "POST".equals(exchange.getRequestMethod()) ? behaviour.apply(key, attempt) : 405;
            if (WebhookRetryPolicy.accepted(status)) {
                accepted.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            }
            log.add(new Request(key, exchange.getRequestHeaders().getFirst("Content-Type"), body, status, signature));
            exchange.sendResponseHeaders(status, -1);
        }
    }

    /**
     * The check docs/alerting.md asks of a receiver, written apart from the forwarder's signer: parse
     * {@code t=<seconds>,v1=<hex>}, refuse a timestamp off by more than the tolerance, recompute the
     * HMAC-SHA256 of {@code t + "." + raw body} and compare in constant time.
     */
    private String checkSignature(String header, byte[] rawBody) {
        byte[] key = secret;
        if (header == null) {
            return "absent";
        }
        if (key == null) {
            return "unchecked";
        }
        String t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).trim().equals("t")) {
                t = part.substring(eq + 1).trim();
            } else if (eq > 0 && part.substring(0, eq).trim().equals("v1")) {
                v1 = part.substring(eq + 1).trim();
            }
        }
        if (t == null || v1 == null || !t.matches("\\d{1,12}")) {
            return "malformed: " + header;
        }
        long skew = Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(t));
        if (skew > TOLERANCE_SECONDS) {
            return "stale by " + skew + " s";
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
            byte[] expected = mac.doFinal(rawBody);
            byte[] given = HexFormat.of().parseHex(v1);
            return MessageDigest.isEqual(expected, given) ? "valid" : "mismatch";
        } catch (IllegalArgumentException e) {
            return "malformed: " + header;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
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
