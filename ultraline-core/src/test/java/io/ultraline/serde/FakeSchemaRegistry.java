package io.ultraline.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;

/**
 * A small in-memory registry speaking the parts of the Confluent REST API the client uses, on
 * 127.0.0.1, with a path prefix like Apicurio's. It records every request and can be told to
 * answer the next requests with canned statuses. Compatibility is BACKWARD against the latest
 * version unless set to NONE.
 */
final class FakeSchemaRegistry implements AutoCloseable {

    record Request(String method, String path, Map<String, String> headers, String body) {}

    private record Canned(int status, String body) {}

    private static final Pattern REGISTER = Pattern.compile("/subjects/([^/]+)/versions");
    private static final Pattern LOOKUP = Pattern.compile("/subjects/([^/]+)");
    private static final Pattern LATEST = Pattern.compile("/subjects/([^/]+)/versions/latest");
    private static final Pattern BY_ID = Pattern.compile("/schemas/ids/(\\d+)");
    private static final Pattern SUBJECT_CONFIG = Pattern.compile("/config/([^/]+)");
    private static final Pattern COMPATIBILITY = Pattern.compile("/compatibility/subjects/([^/]+)/versions/latest");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final String prefix;
    private final List<Request> requests = new ArrayList<>();
    private final Deque<Canned> canned = new ArrayDeque<>();
    private final Map<Integer, String> schemasById = new HashMap<>();
    private final Map<String, Integer> idsByCanonical = new HashMap<>();
    private final Map<String, List<Integer>> versionsBySubject = new HashMap<>();
    private final Map<String, String> subjectCompatibility = new HashMap<>();
    private String globalCompatibility = "BACKWARD";
    private int nextId = 1;

    private FakeSchemaRegistry(String prefix) throws IOException {
        this.prefix = prefix;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    static FakeSchemaRegistry start() throws IOException {
        return new FakeSchemaRegistry("");
    }

    /** A registry under a path prefix, e.g. {@code /apis/ccompat/v7}. */
    static FakeSchemaRegistry start(String prefix) throws IOException {
        return new FakeSchemaRegistry(prefix);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + prefix;
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The next request gets {@code status} and {@code body} instead of a real answer. */
    synchronized void failNext(int status, String body) {
        canned.add(new Canned(status, body));
    }

    /** Registers directly, as another producer would have. */
    synchronized int preRegister(String subject, String schema) {
        return registerInternal(subject, schema);
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    synchronized long count(String method, String path) {
        return requests.stream()
                .filter(r -> r.method().equals(method) && r.path().equals(path))
                .count();
    }

    synchronized Request lastRequest() {
        return requests.get(requests.size() - 1);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String rawPath = exchange.getRequestURI().getRawPath();
            Answer answer;
            synchronized (this) {
                Map<String, String> headers = new HashMap<>();
                exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
                String path = rawPath.startsWith(prefix) ? rawPath.substring(prefix.length()) : "!" + rawPath;
                requests.add(new Request(exchange.getRequestMethod(), path, headers, body));
                Canned next = canned.poll();
                answer = next != null
                        ? new Answer(next.status(), next.body())
                        : route(exchange.getRequestMethod(), path, body);
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private record Answer(int status, String body) {}

    private Answer route(String method, String path, String body) throws IOException {
        Matcher m;
        if (method.equals("POST") && (m = REGISTER.matcher(path)).matches()) {
            return register(decode(m.group(1)), schemaOf(body));
        }
        if (method.equals("GET") && (m = LATEST.matcher(path)).matches()) {
            return latest(decode(m.group(1)));
        }
        if (method.equals("POST") && (m = LOOKUP.matcher(path)).matches()) {
            return lookup(decode(m.group(1)), schemaOf(body));
        }
        if (method.equals("GET") && (m = BY_ID.matcher(path)).matches()) {
            String schema = schemasById.get(Integer.parseInt(m.group(1)));
            return schema == null
                    ? error(404, 40403, "Schema " + m.group(1) + " not found")
                    : ok(json.createObjectNode().put("schema", schema));
        }
        if (method.equals("GET") && path.equals("/config")) {
            return ok(json.createObjectNode().put("compatibilityLevel", globalCompatibility));
        }
        if (method.equals("PUT") && path.equals("/config")) {
            globalCompatibility = json.readTree(body).get("compatibility").asText();
            return ok(json.createObjectNode().put("compatibility", globalCompatibility));
        }
        if (method.equals("GET") && (m = SUBJECT_CONFIG.matcher(path)).matches()) {
            String level = subjectCompatibility.get(decode(m.group(1)));
            return level == null
                    ? error(404, 40408, "Subject does not have subject-level compatibility configured")
                    : ok(json.createObjectNode().put("compatibilityLevel", level));
        }
        if (method.equals("PUT") && (m = SUBJECT_CONFIG.matcher(path)).matches()) {
            String level = json.readTree(body).get("compatibility").asText();
            subjectCompatibility.put(decode(m.group(1)), level);
            return ok(json.createObjectNode().put("compatibility", level));
        }
        if (method.equals("POST") && (m = COMPATIBILITY.matcher(path)).matches()) {
            String subject = decode(m.group(1));
            List<Integer> versions = versionsBySubject.get(subject);
            if (versions == null) {
                return error(404, 40401, "Subject '" + subject + "' not found.");
            }
            return ok(json.createObjectNode().put("is_compatible", compatibleWithLatest(subject, schemaOf(body))));
        }
        return error(404, 404, "HTTP 404 Not Found");
    }

    private Answer register(String subject, String schema) {
        if (versionsBySubject.containsKey(subject) && !compatibleWithLatest(subject, schema)) {
            return error(
                    409,
                    409,
                    "Schema being registered is incompatible with an earlier schema for subject \"" + subject + "\"");
        }
        return ok(json.createObjectNode().put("id", registerInternal(subject, schema)));
    }

    private int registerInternal(String subject, String schema) {
        String canonical = SchemaNormalization.toParsingForm(new Schema.Parser().parse(schema));
        Integer id = idsByCanonical.get(canonical);
        if (id == null) {
            id = nextId++;
            idsByCanonical.put(canonical, id);
            schemasById.put(id, schema);
        }
        List<Integer> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        if (!versions.contains(id)) {
            versions.add(id);
        }
        return id;
    }

    private Answer lookup(String subject, String schema) {
        List<Integer> versions = versionsBySubject.get(subject);
        if (versions == null) {
            return error(404, 40401, "Subject '" + subject + "' not found.");
        }
        Integer id = idsByCanonical.get(SchemaNormalization.toParsingForm(new Schema.Parser().parse(schema)));
        if (id == null || !versions.contains(id)) {
            return error(404, 40403, "Schema not found");
        }
        return ok(version(subject, versions.indexOf(id) + 1, id));
    }

    private Answer latest(String subject) {
        List<Integer> versions = versionsBySubject.get(subject);
        if (versions == null) {
            return error(404, 40401, "Subject '" + subject + "' not found.");
        }
        return ok(version(subject, versions.size(), versions.get(versions.size() - 1)));
    }

    private ObjectNode version(String subject, int version, int id) {
        return json.createObjectNode()
                .put("subject", subject)
                .put("version", version)
                .put("id", id)
                .put("schema", schemasById.get(id));
    }

    private boolean compatibleWithLatest(String subject, String schema) {
        String level = subjectCompatibility.getOrDefault(subject, globalCompatibility);
        if (level.equals("NONE")) {
            return true;
        }
        List<Integer> versions = versionsBySubject.get(subject);
        Schema latest = new Schema.Parser().parse(schemasById.get(versions.get(versions.size() - 1)));
        Schema candidate = new Schema.Parser().parse(schema);
        return SchemaCompatibility.checkReaderWriterCompatibility(candidate, latest)
                        .getType()
                == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
    }

    private String schemaOf(String body) throws IOException {
        JsonNode tree = json.readTree(body);
        return tree.get("schema").asText();
    }

    private Answer ok(JsonNode node) {
        return new Answer(200, node.toString());
    }

    private Answer error(int status, int code, String message) {
        return new Answer(
                status,
                json.createObjectNode()
                        .put("error_code", code)
                        .put("message", message)
                        .toString());
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment, StandardCharsets.UTF_8);
    }
}
