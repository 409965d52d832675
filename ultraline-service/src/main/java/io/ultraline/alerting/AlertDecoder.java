package io.ultraline.alerting;

import io.ultraline.avro.LineAlert;
import io.ultraline.serde.RegistryException;
import io.ultraline.serde.SerdeException;
import io.ultraline.serde.SerdeReason;
import io.ultraline.serde.UnknownSchemaIdException;
import java.util.Objects;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Turns one {@code line.alerts} value into the request the webhook gets, and says whose fault it is
 * when that fails. A failure that belongs to the record (a null value, not wire format, an unknown
 * schema id, another record type, a corrupt body, or any other exception from decoding or rendering
 * it) is {@link Undecodable}: dead-letter it and go on. A failure of the registry (unreachable,
 * refusing the client, answering nonsense, or a 404 without the registry's own not-found code, as a
 * wrong base URL gives) is a {@link RegistryFault}: the same record would decode once the registry
 * is back, so dead-lettering it would file good alerts as bad.
 */
final class AlertDecoder {

    private static final int MAX_DETAIL = 1_000;

    /** What became of one value. */
    sealed interface Result permits Decoded, Undecodable, RegistryFault {}

    /** Ready to post: the alert, its idempotency key and the request body. */
    record Decoded(LineAlert alert, String idempotencyKey, String json) implements Result {}

    /**
     * Not an alert, for good.
     *
     * @param code   {@code NULL_VALUE}, a {@link SerdeReason} name, or {@code DECODER_FAILED} for any
     *               other exception
     * @param detail what the decoder said, at most {@value #MAX_DETAIL} characters
     */
    record Undecodable(String code, String detail) implements Result {
        /** The dead letter's {@code reason}: {@code UNDECODABLE: <code>: <detail>}. */
        String reason() {
            return "UNDECODABLE: " + code + ": " + detail;
        }
    }

    /** The registry, not the record, failed; try the record again later. */
    record RegistryFault(SerdeException cause) implements Result {}

    private final Deserializer<LineAlert> alerts;

    AlertDecoder(Deserializer<LineAlert> alerts) {
        this.alerts = Objects.requireNonNull(alerts, "alerts");
    }

    Result decode(String topic, Headers headers, byte[] value) {
        if (value == null) {
            return new Undecodable("NULL_VALUE", "the record has no value (a tombstone)");
        }
        try {
            LineAlert alert = alerts.deserialize(topic, headers, value);
            if (alert == null) {
                return new Undecodable("NULL_VALUE", "the deserializer read no alert from " + value.length + " bytes");
            }
            return new Decoded(alert, AlertJson.idempotencyKey(alert), AlertJson.toJson(alert));
        } catch (SerdeException e) {
            if (registryAtFault(e)) {
                return new RegistryFault(e);
            }
            return new Undecodable(e.reason().name(), shorten(e.getMessage()));
        } catch (RuntimeException e) {
            // Avro and the generated class can throw more than the serde maps (e.g. AvroTypeException
            // from a registered writer schema with an invalid default); all of it is about this record
            return new Undecodable("DECODER_FAILED", shorten(e.toString()));
        }
    }

    static boolean registryAtFault(SerdeException e) {
        if (e.reason() == SerdeReason.REGISTRY_UNAVAILABLE || e.reason() == SerdeReason.REGISTRY_REJECTED) {
            return true;
        }
        // registries answer an unknown id with error code 4040x; a bare 404 is a proxy or a wrong path
        return e instanceof UnknownSchemaIdException
                && e.getCause() instanceof RegistryException notFound
                && notFound.errorCode() / 100 != 404;
    }

    private static String shorten(String text) {
        String t = String.valueOf(text);
        return t.length() <= MAX_DETAIL ? t : t.substring(0, MAX_DETAIL) + "...";
    }
}
