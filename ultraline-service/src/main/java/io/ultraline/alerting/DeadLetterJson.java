package io.ultraline.alerting;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ultraline.avro.LineAlert;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The value of a {@code line.alerts.dlq} record (version {@value #SCHEMA}), a UTF-8 JSON string:
 * why the forwarder gave up, after how many attempts, where the alert sat in {@code line.alerts},
 * and the alert itself as the webhook would have received it ({@link AlertJson}). A record whose
 * value could not be decoded carries {@code alert: null} and its bytes in {@code valueBase64} (the
 * first {@value #MAX_ORIGINAL_BYTES}, with {@code valueBytes} and {@code valueSha256} of all).
 * The webhook URL is left out on purpose: webhook URLs often embed a secret token.
 */
public final class DeadLetterJson {

    /** Value of the {@code schema} field. */
    public static final String SCHEMA = "ultraline.alert-dead-letter/1";
    /**
     * Bytes of an undecodable value kept in {@code valueBase64}: 256 KiB, a third of a megabyte as
     * base64, well under the 1 MiB record limit a dead-letter topic has by default.
     */
    public static final int MAX_ORIGINAL_BYTES = 256 * 1024;

    private DeadLetterJson() {}

    /** A dead letter for an alert the webhook did not accept. */
    public static String undelivered(LineAlert alert, DeliveryResult result, RecordRef record, Instant at) {
        ObjectNode json = head(result.reason(), result.attempts(), result.lastStatus(), record, at);
        json.put("idempotencyKey", AlertJson.idempotencyKey(alert));
        json.set("alert", AlertJson.toTree(alert));
        return AlertJson.write(json);
    }

    /**
     * A dead letter for a record whose value is not a decodable LineAlert; never sent. The value's
     * first {@value #MAX_ORIGINAL_BYTES} bytes are kept, with its full size and SHA-256, so the dead
     * letter stays under the topic's record size limit whatever the alerts topic accepted.
     *
     * @param reason {@code UNDECODABLE: <code>: <detail>}
     */
    public static String undecodable(String reason, byte[] value, RecordRef record, Instant at) {
        ObjectNode json = head(reason, 0, 0, record, at);
        json.putNull("idempotencyKey");
        json.putNull("alert");
        if (value == null) {
            json.putNull("valueBase64");
            json.putNull("valueBytes");
            json.putNull("valueSha256");
            json.put("valueTruncated", false);
        } else {
            int kept = Math.min(value.length, MAX_ORIGINAL_BYTES);
            json.put("valueBase64", Base64.getEncoder().encodeToString(Arrays.copyOf(value, kept)));
            json.put("valueBytes", value.length);
            json.put("valueSha256", sha256(value));
            json.put("valueTruncated", kept < value.length);
        }
        return AlertJson.write(json);
    }

    private static String sha256(byte[] value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
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
    public record RecordRef(String topic, int partition, long offset) {}
}
