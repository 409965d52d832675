package io.ultraline.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ultraline.alerting.DeadLetterJson.RecordRef;
import io.ultraline.avro.AlertState;
import io.ultraline.avro.LineAlert;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class AlertJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void webhookBodyIsTheDocumentedShapeByteForByte() {
        LineAlert alert = TestAlerts.alert("camera-defects/cam-1/line.frames-1-40", "cam-1", AlertState.OPEN, 0);
        assertThat(AlertJson.toJson(alert))
                .isEqualTo(
                        "{\"schema\":\"ultraline.alert/1\","
                                + "\"idempotencyKey\":\"camera-defects/cam-1/line.frames-1-40:OPEN\","
                                + "\"alertId\":\"camera-defects/cam-1/line.frames-1-40\",\"ruleId\":\"camera-defects\","
                                + "\"scope\":\"CAMERA\",\"scopeId\":\"cam-1\",\"state\":\"OPEN\","
                                + "\"openedTimestamp\":1700000000123,\"eventTimestamp\":1700000000123,"
                                + "\"defectiveFrames\":3,\"windowFrames\":4,\"windowMillis\":60000,"
                                + "\"message\":\"OPEN: \\\"quoted\\\" message for cam-1\","
                                + "\"source\":{\"topic\":\"line.frames\",\"partition\":1,\"offset\":40},"
                                + "\"model\":{\"name\":\"line-vit\",\"version\":\"1.0.0\",\"digest\":\"ab12\"},"
                                + "\"profileVersion\":7,\"pipelineVersion\":\"0.1.0\",\"attributes\":{},\"kind\":\"DEFECT_BURST\"}");
    }

    @Test
    void everyLineAlertFieldHasAJsonField() throws Exception {
        JsonNode json = MAPPER.readTree(AlertJson.toJson(TestAlerts.alert("a", "cam-1", AlertState.OPEN, 0)));
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        for (Schema.Field field : LineAlert.getClassSchema().getFields()) {
            assertThat(names).as("JSON field for LineAlert.%s", field.name()).contains(field.name());
        }
    }

    @Test
    void openAndClearOfOneAlertHaveDifferentStableKeys() {
        LineAlert open = TestAlerts.alert("r/cam-1/line.frames-0-5", "cam-1", AlertState.OPEN, 0);
        LineAlert cleared = TestAlerts.alert("r/cam-1/line.frames-0-5", "cam-1", AlertState.CLEARED, 30);
        assertThat(AlertJson.idempotencyKey(open)).isEqualTo("r/cam-1/line.frames-0-5:OPEN");
        assertThat(AlertJson.idempotencyKey(cleared)).isEqualTo("r/cam-1/line.frames-0-5:CLEARED");
        assertThat(AlertJson.toJson(open))
                .isEqualTo(AlertJson.toJson(TestAlerts.alert("r/cam-1/line.frames-0-5", "cam-1", AlertState.OPEN, 0)));
    }

    @Test
    void missingProfileVersionIsAnExplicitNull() throws Exception {
        LineAlert alert = TestAlerts.alert("a", "cam-1", AlertState.CLEARED, 3);
        alert.setProfileVersion(null);
        JsonNode json = MAPPER.readTree(AlertJson.toJson(alert));
        assertThat(json.has("profileVersion")).isTrue();
        assertThat(json.get("profileVersion").isNull()).isTrue();
        assertThat(json.get("eventTimestamp").asLong()).isEqualTo(TestAlerts.OPENED + 3000);
        assertThat(json.get("defectiveFrames").asInt()).isZero();
    }

    @Test
    void deadLetterCarriesReasonAttemptsRecordAndTheAlert() throws Exception {
        LineAlert alert = TestAlerts.alert("a", "cam-1", AlertState.OPEN, 0);
        DeliveryResult failed = new DeliveryResult(false, 4, 503, "HTTP_503", false);
        JsonNode json = MAPPER.readTree(DeadLetterJson.undelivered(
                alert, failed, new RecordRef("line.alerts", 2, 17), Instant.ofEpochMilli(99)));
        assertThat(json.get("schema").asText()).isEqualTo(DeadLetterJson.SCHEMA);
        assertThat(json.get("reason").asText()).isEqualTo("HTTP_503");
        assertThat(json.get("attempts").asInt()).isEqualTo(4);
        assertThat(json.get("lastStatus").asInt()).isEqualTo(503);
        assertThat(json.get("deadLetteredAt").asLong()).isEqualTo(99);
        assertThat(json.get("record").get("partition").asInt()).isEqualTo(2);
        assertThat(json.get("record").get("offset").asLong()).isEqualTo(17);
        assertThat(json.get("idempotencyKey").asText()).isEqualTo("a:OPEN");
        assertThat(json.get("alert")).isEqualTo(MAPPER.readTree(AlertJson.toJson(alert)));
    }

    @Test
    void undecodableDeadLetterKeepsTheBytes() throws Exception {
        byte[] value = "not avro".getBytes(StandardCharsets.UTF_8);
        JsonNode json = MAPPER.readTree(DeadLetterJson.undecodable(
                "UNDECODABLE: MISSING_MAGIC_BYTE: x", value, new RecordRef("line.alerts", 0, 3), Instant.EPOCH));
        assertThat(json.get("reason").asText()).startsWith("UNDECODABLE: MISSING_MAGIC_BYTE");
        assertThat(json.get("alert").isNull()).isTrue();
        assertThat(json.get("lastStatus").isNull()).isTrue();
        assertThat(Base64.getDecoder().decode(json.get("valueBase64").asText())).isEqualTo(value);
    }

    @Test
    void tailLineShowsTimeScopeRuleStateCountsAndId() {
        LineAlert alert = TestAlerts.alert("camera-defects/cam-1/line.frames-1-40", "cam-1", AlertState.CLEARED, 2);
        assertThat(AlertLine.format(alert))
                .isEqualTo(
                        "2023-11-14T22:13:22.123Z  CLEARED  CAMERA cam-1  "
                                + "rule=camera-defects  0/4 defective  window=60000ms  id=camera-defects/cam-1/line.frames-1-40");
    }
}
