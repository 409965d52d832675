package io.ultraline.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the registry client does with redirects and with answers of unbounded size, against tiny
 * servers on 127.0.0.1: credentials never reach another origin, and no answer is read past
 * {@link RegistryHttp#MAX_RESPONSE_BYTES}.
 */
class RegistryHttpLimitsTest {

    private static final String SCHEMA_ANSWER = "{\"schema\":\"\\\"string\\\"\"}";

    private final List<Map<String, String>> seenByOther = new CopyOnWriteArrayList<>();
    private final List<String> pathsSeenByRegistry = new CopyOnWriteArrayList<>();
    private HttpServer registry;
    private HttpServer other;

    @BeforeEach
    void start() throws IOException {
        registry = server();
        other = server();
        other.createContext("/", exchange -> {
            Map<String, String> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
            seenByOther.add(headers);
            answer(exchange, 200, SCHEMA_ANSWER.getBytes(StandardCharsets.UTF_8), true);
        });
    }

    @AfterEach
    void stop() {
        registry.stop(0);
        other.stop(0);
    }

    @Test
    void aRedirectToAnotherPortIsNotFollowedAndNeverReceivesTheCredentials() {
        registry.createContext("/", exchange -> {
            pathsSeenByRegistry.add(exchange.getRequestURI().getPath());
            exchange.getResponseHeaders().add("Location", base(other) + "/schemas/ids/1?token=abc");
            answer(exchange, 307, new byte[0], true);
        });

        RegistryException e = catchThrowableOfType(
                RegistryException.class,
                () -> client(Optional.of("alice:s3cret")).schemaById(1));

        assertThat(seenByOther).as("requests that reached the other origin").isEmpty();
        assertThat(e).isInstanceOf(RegistryRedirectException.class);
        assertThat(e.httpStatus()).isEqualTo(307);
        assertThat(e.getMessage())
                .contains("redirected to another origin " + base(other))
                .doesNotContain("token=abc")
                .doesNotContain("s3cret");
        assertThat(e.reason()).isEqualTo(SerdeReason.REGISTRY_REJECTED);
    }

    @Test
    void aRedirectWithinTheSameOriginIsFollowedWithTheCredentials() {
        List<String> authorizations = new CopyOnWriteArrayList<>();
        registry.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            pathsSeenByRegistry.add(path);
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            if (path.startsWith("/old")) {
                exchange.getResponseHeaders().add("Location", "/new" + path.substring("/old".length()));
                answer(exchange, 308, new byte[0], true);
            } else {
                answer(exchange, 200, SCHEMA_ANSWER.getBytes(StandardCharsets.UTF_8), true);
            }
        });

        RegisteredSchema schema = client(URI.create(base(registry) + "/old"), Optional.of("alice:s3cret"))
                .schemaById(1);

        assertThat(schema.schema()).isEqualTo("\"string\"");
        assertThat(pathsSeenByRegistry).containsExactly("/old/schemas/ids/1", "/new/schemas/ids/1");
        assertThat(authorizations).hasSize(2).allMatch(a -> a.startsWith("Basic "));
    }

    @Test
    void aRedirectLoopWithinTheOriginEndsAfterAFewHops() {
        registry.createContext("/", exchange -> {
            pathsSeenByRegistry.add(exchange.getRequestURI().getPath());
            exchange.getResponseHeaders()
                    .add("Location", exchange.getRequestURI().getPath());
            answer(exchange, 302, new byte[0], true);
        });

        RegistryRedirectException e = catchThrowableOfType(
                RegistryRedirectException.class, () -> client(Optional.empty()).schemaById(1));

        assertThat(e).hasMessageContaining("more than " + RegistryHttp.MAX_REDIRECTS + " redirects");
        assertThat(pathsSeenByRegistry).hasSize(RegistryHttp.MAX_REDIRECTS + 1);
    }

    @Test
    void anOversizedAnswerWithItsLengthDeclaredIsRefused() {
        registry.createContext("/", exchange -> answer(exchange, 200, oversized(), true));

        RegistryResponseTooLargeException e = catchThrowableOfType(
                RegistryResponseTooLargeException.class,
                () -> client(Optional.empty()).schemaById(1));

        assertThat(e.reason()).isEqualTo(SerdeReason.REGISTRY_REJECTED);
        assertThat(e).hasMessageContaining("more than " + RegistryHttp.MAX_RESPONSE_BYTES + " bytes");
    }

    @Test
    void anOversizedStreamedAnswerIsRefusedToo() {
        registry.createContext("/", exchange -> answer(exchange, 200, oversized(), false));

        assertThat(catchThrowableOfType(
                        RegistryResponseTooLargeException.class,
                        () -> client(Optional.empty()).schemaById(1)))
                .isNotNull();
    }

    @Test
    void anOversizedErrorAnswerIsRefusedToo() {
        registry.createContext("/", exchange -> answer(exchange, 404, oversized(), false));

        assertThat(catchThrowableOfType(
                        RegistryResponseTooLargeException.class,
                        () -> client(Optional.empty()).schemaById(1)))
                .isNotNull();
    }

    @Test
    void anAnswerJustUnderTheCapIsRead() {
        StringBuilder padded = new StringBuilder("{\"schema\":\"\\\"string\\\"\",\"pad\":\"");
        int closing = 2;
        while (padded.length() < RegistryHttp.MAX_RESPONSE_BYTES - closing) {
            padded.append('x');
        }
        byte[] body = padded.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
        registry.createContext("/", exchange -> answer(exchange, 200, body, false));

        assertThat(body).hasSize(RegistryHttp.MAX_RESPONSE_BYTES);
        assertThat(client(Optional.empty()).schemaById(1).schema()).isEqualTo("\"string\"");
    }

    private RestSchemaRegistryClient client(Optional<String> userInfo) {
        return client(URI.create(base(registry)), userInfo);
    }

    private static RestSchemaRegistryClient client(URI base, Optional<String> userInfo) {
        return new RestSchemaRegistryClient(new RegistrySettings(
                List.of(base),
                userInfo,
                new RegistryRetryPolicy(0, Duration.ZERO, Duration.ZERO),
                Duration.ofSeconds(10)));
    }

    private static byte[] oversized() {
        byte[] body = new byte[RegistryHttp.MAX_RESPONSE_BYTES + 1];
        java.util.Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[body.length - 1] = '}';
        return body;
    }

    private static HttpServer server() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.start();
        return server;
    }

    private static String base(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Sends {@code body} with its length declared, or chunked when {@code declareLength} is false. */
    private static void answer(HttpExchange exchange, int status, byte[] body, boolean declareLength)
            throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", RegistryHttp.CONTENT_TYPE);
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : declareLength ? body.length : 0);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                } catch (IOException clientHungUp) {
                    // the client may stop reading once it has seen enough: that is the point
                }
            }
        }
    }
}
