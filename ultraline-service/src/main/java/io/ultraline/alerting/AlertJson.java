package io.ultraline.alerting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ultraline.avro.LineAlert;
import io.ultraline.avro.ModelStamp;
import io.ultraline.avro.SourceRef;
import java.io.UncheckedIOException;

/**
 * The JSON a webhook receives for one {@link LineAlert} event (version {@value #SCHEMA}). Field
 * names are the Avro field names; timestamps are epoch milliseconds (UTC); enums are their symbol
 * names; {@code profileVersion} may be {@code null}. Fields appear in a fixed order, so the same
 * alert always gives the same bytes. New fields may be added in later versions; none is renamed or
 * removed without a new {@code schema} value.
 */
public final class AlertJson {

    /** Value of the {@code schema} field: name and major version of this shape. */
    public static final String SCHEMA = "ultraline.alert/1";

    static final ObjectMapper MAPPER = new ObjectMapper();

    private AlertJson() {}

    /**
     * The idempotency key of one alert event. {@code alertId} alone is shared by an alert's OPEN and
     * its CLEARED record, so a receiver deduplicating on it would drop the clearing; the key is
     * therefore {@code alertId + ":" + state}, stable across replays and redeliveries of the record.
     */
    public static String idempotencyKey(LineAlert alert) {
        return alert.getAlertId() + ":" + alert.getState().name();
    }

    /** The alert as a JSON tree, in the documented field order. */
    public static ObjectNode toTree(LineAlert alert) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("schema", SCHEMA);
        json.put("idempotencyKey", idempotencyKey(alert));
        json.put("alertId", alert.getAlertId());
        json.put("ruleId", alert.getRuleId());
        json.put("scope", alert.getScope().name());
        json.put("scopeId", alert.getScopeId());
        json.put("state", alert.getState().name());
        json.put("openedTimestamp", alert.getOpenedTimestamp().toEpochMilli());
        json.put("eventTimestamp", alert.getEventTimestamp().toEpochMilli());
        json.put("defectiveFrames", alert.getDefectiveFrames());
        json.put("windowFrames", alert.getWindowFrames());
        json.put("windowMillis", alert.getWindowMillis());
        json.put("message", alert.getMessage());
        SourceRef source = alert.getSource();
        ObjectNode src = json.putObject("source");
        src.put("topic", source.getTopic());
        src.put("partition", source.getPartition());
        src.put("offset", source.getOffset());
        ModelStamp model = alert.getModel();
        ObjectNode m = json.putObject("model");
        m.put("name", model.getName());
        m.put("version", model.getVersion());
        m.put("digest", model.getDigest());
        if (alert.getProfileVersion() == null) {
            json.putNull("profileVersion");
        } else {
            json.put("profileVersion", alert.getProfileVersion().longValue());
        }
        json.put("pipelineVersion", alert.getPipelineVersion());
        // sorted, so that the same alert always gives the same bytes
        ObjectNode attributes = json.putObject("attributes");
        if (alert.getAttributes() != null) {
            new java.util.TreeMap<>(alert.getAttributes()).forEach((k, v) -> attributes.put(k, v));
        }
        json.put("kind", alert.getKind() == null ? "UNKNOWN" : alert.getKind().name());
        return json;
    }

    /** The alert as a compact JSON document (the webhook request body). */
    public static String toJson(LineAlert alert) {
        return write(toTree(alert));
    }

    static String write(ObjectNode json) {
        try {
            return MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
