package io.ultraline.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class EmbeddedSchemaRegistryIT {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void registersAnAvroSchemaAndReadsItBackById() throws Exception {
        String api = EmbeddedSchemaRegistry.shared().confluentApiUrl();
        String subject = uniqueSubject();
        Schema schema = frameSchema(false);

        HttpResponse<String> registered = post(api + "/subjects/" + subject + "/versions", schemaBody(schema));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        int id = JSON.readTree(registered.body()).path("id").asInt(-1);
        assertThat(id).isPositive();

        HttpResponse<String> byId = get(api + "/schemas/ids/" + id);
        assertThat(byId.statusCode()).as(byId.body()).isEqualTo(200);
        Schema readBack = new Schema.Parser()
                .parse(JSON.readTree(byId.body()).path("schema").asText());
        assertThat(readBack).isEqualTo(schema);

        JsonNode subjects = JSON.readTree(get(api + "/subjects").body());
        assertThat(subjects.isArray()).isTrue();
        assertThat(subjects).extracting(JsonNode::asText).contains(subject);
    }

    @Test
    void compatibilityEndpointJudgesCandidatesAgainstTheLatestVersion() throws Exception {
        String api = EmbeddedSchemaRegistry.shared().confluentApiUrl();
        String subject = uniqueSubject();
        assertThat(post(api + "/subjects/" + subject + "/versions", schemaBody(frameSchema(false)))
                        .statusCode())
                .isEqualTo(200);
        // Apicurio's global level is NONE, under which everything is compatible
        HttpResponse<String> config = send(HttpRequest.newBuilder(URI.create(api + "/config/" + subject))
                .header("Content-Type", CONTENT_TYPE)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"BACKWARD\"}")));
        assertThat(config.statusCode()).as(config.body()).isEqualTo(200);

        String latest = api + "/compatibility/subjects/" + subject + "/versions/latest";
        assertThat(isCompatible(latest, frameSchema(true))).isTrue();
        Schema retyped = SchemaBuilder.record("Frame")
                .namespace("io.ultraline.it")
                .fields()
                .requiredLong("cameraId")
                .endRecord();
        assertThat(isCompatible(latest, retyped)).isFalse();
    }

    @Test
    void closeStopsTheServer() throws Exception {
        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start();
        String subjects = registry.confluentApiUrl() + "/subjects";
        HttpResponse<String> before = get(subjects);
        assertThat(before.statusCode()).isEqualTo(200);
        assertThat(before.body()).isEqualTo("[]");

        registry.close();

        assertThat(registry.isRunning()).isFalse();
        assertThatThrownBy(() -> get(subjects)).isInstanceOf(ConnectException.class);
        registry.close();
    }

    private boolean isCompatible(String url, Schema candidate) throws Exception {
        HttpResponse<String> response = post(url, schemaBody(candidate));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body()).path("is_compatible");
        assertThat(answer.isBoolean()).as(response.body()).isTrue();
        return answer.asBoolean();
    }

    private static Schema frameSchema(boolean withExposure) {
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record("Frame")
                .namespace("io.ultraline.it")
                .fields()
                .requiredString("cameraId")
                .requiredLong("sequence");
        if (withExposure) {
            fields = fields.name("exposureMicros").type().longType().longDefault(0L);
        }
        return fields.endRecord();
    }

    private static String schemaBody(Schema schema) throws IOException {
        return JSON.writeValueAsString(Map.of("schema", schema.toString()));
    }

    private static String uniqueSubject() {
        return "it-" + UUID.randomUUID() + "-value";
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    private HttpResponse<String> post(String url, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
