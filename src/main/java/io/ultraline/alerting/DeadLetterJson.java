package io.ultraline.alerting;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ultraline.avro.LineAlert;
import java.time.Instant;
import java.util.Base64;

/**
 * The value of a {@code line.alerts.dlq} record (version {@value #SCHEMA}), a UTF-8 JSON string:
 * why the forwarder gave up, after how many attempts, where the alert sat in {@code line.alerts},
 * and the alert itself as the webhook would have received it ({@link AlertJson}). A record whose
 * value could not be decoded carries {@code alert: null} and its bytes in {@code valueBase64}.
 * The webhook URL is left out on purpose: webhook URLs often embed a secret token.
 */
public final class DeadLetterJson {

    /** Value of the {@code schema} field. */
    public static final String SCHEMA = "ultraline.alert-dead-letter/1";

    private DeadLetterJson() {
    }

    /** A dead letter for an alert the webhook did not accept. */
    public static String undelivered(LineAlert alert, DeliveryResult result, RecordRef record, Instant at) {
        ObjectNode json = head(result.reason(), result.attempts(), result.lastStatus(), record, at);
        json.put("idempotencyKey", AlertJson.idempotencyKey(alert));
        json.set("alert", AlertJson.toTree(alert));
        return AlertJson.write(json);
    }

    /** A dead letter for a record whose value is not a decodable LineAlert; never sent. */
    public static String undecodable(String error, byte[] value, RecordRef record, Instant at) {
        ObjectNode json = head("UNDECODABLE: " + error, 0, 0, record, at);
        json.putNull("idempotencyKey");
        json.putNull("alert");
        json.put("valueBase64", value == null ? null : Base64.getEncoder().encodeToString(value));
        return AlertJson.write(json);
    }

    private static ObjectNode head(String reason, int attempts, int lastStatus, RecordRef record, Instant at) {
        ObjectNode json = AlertJson.MAPPER.createObjectNode();
        json.put("schema", SCHEMA);
        json.put("reason", reason);
        json.put("attempts", attempts);
        if (lastStatus == 0) {
            json.putNull("lastStatus");
        } else {
            json.put("lastStatus", lastStatus);
        }
        json.put("deadLetteredAt", at.toEpochMilli());
        ObjectNode rec = json.putObject("record");
        rec.put("topic", record.topic());
        rec.put("partition", record.partition());
        rec.put("offset", record.offset());
        return json;
    }

    /** Where a record sits in Kafka. */
    public record RecordRef(String topic, int partition, long offset) {
    }
}
