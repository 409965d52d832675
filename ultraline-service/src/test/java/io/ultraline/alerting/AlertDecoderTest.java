package io.ultraline.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultraline.avro.AlertState;
import io.ultraline.avro.LineAlert;
import io.ultraline.serde.CorruptPayloadException;
import io.ultraline.serde.RegistryException;
import io.ultraline.serde.RegistryUnavailableException;
import io.ultraline.serde.SchemaNotFoundException;
import io.ultraline.serde.UnknownSchemaIdException;
import java.util.List;
import java.util.function.Supplier;
import org.apache.avro.AvroTypeException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

/** Whose fault a failed decode is, with a deserializer that throws what it is told to. */
class AlertDecoderTest {

    private static final byte[] SOME_BYTES = {0, 0, 0, 0, 1, 2};
    private static final Headers NO_HEADERS = new RecordHeaders();

    private static AlertDecoder.Result decode(Supplier<LineAlert> outcome, byte[] value) {
        Deserializer<LineAlert> deserializer = (topic, data) -> outcome.get();
        return new AlertDecoder(deserializer).decode("line.alerts", NO_HEADERS, value);
    }

    private static AlertDecoder.Result throwing(RuntimeException e) {
        return decode(
                () -> {
                    throw e;
                },
                SOME_BYTES);
    }

    @Test
    void anAlertBecomesItsKeyAndBody() {
        LineAlert alert = TestAlerts.alert("a-1", "cam-1", AlertState.OPEN, 0);

        AlertDecoder.Result result = decode(() -> alert, SOME_BYTES);

        assertThat(result).isEqualTo(new AlertDecoder.Decoded(alert, "a-1:OPEN", AlertJson.toJson(alert)));
    }

    @Test
    void aNullValueIsUndecodable() {
        assertThat(decode(() -> null, null))
                .isInstanceOfSatisfying(
                        AlertDecoder.Undecodable.class,
                        u -> assertThat(u.code()).isEqualTo("NULL_VALUE"));
    }

    @Test
    void serdeFailuresOfTheRecordAreUndecodableUnderTheirReason() {
        assertThat(throwing(new CorruptPayloadException("line.alerts", 3, "bad body", null)))
                .isInstanceOfSatisfying(AlertDecoder.Undecodable.class, u -> {
                    assertThat(u.code()).isEqualTo("CORRUPT_PAYLOAD");
                    assertThat(u.reason())
                            .startsWith("UNDECODABLE: CORRUPT_PAYLOAD: ")
                            .contains("bad body");
                });
        assertThat(throwing(unknownId(40403)))
                .isInstanceOfSatisfying(
                        AlertDecoder.Undecodable.class,
                        u -> assertThat(u.code()).isEqualTo("UNKNOWN_SCHEMA_ID"));
    }

    @Test
    void anyOtherExceptionFromDecodingIsUndecodableToo() {
        for (RuntimeException e : List.of(
                new AvroTypeException("Invalid default for field x"),
                new NullPointerException("no enum"),
                new IllegalStateException("odd"),
                new SecurityException("class not trusted"))) {
            assertThat(throwing(e)).as(e.toString()).isInstanceOfSatisfying(AlertDecoder.Undecodable.class, u -> {
                assertThat(u.code()).isEqualTo("DECODER_FAILED");
                assertThat(u.detail()).contains(e.getClass().getSimpleName()).contains(e.getMessage());
            });
        }
    }

    @Test
    void aLongDetailIsShortened() {
        AlertDecoder.Undecodable u = (AlertDecoder.Undecodable) throwing(new IllegalStateException("x".repeat(50_000)));

        assertThat(u.detail()).hasSizeLessThan(1_100).endsWith("...");
    }

    @Test
    void registryFailuresAreTheRegistrysNotTheRecords() {
        assertThat(throwing(new RegistryUnavailableException(List.of("http://r:8081"), 6, "connection refused", null)))
                .isInstanceOf(AlertDecoder.RegistryFault.class);
        assertThat(throwing(new RegistryException("http://r:8081/schemas/ids/3", 401, 40101, "unauthorized")))
                .isInstanceOf(AlertDecoder.RegistryFault.class);
        assertThat(throwing(unknownId(0)))
                .as("a bare 404: a proxy or a wrong base path")
                .isInstanceOf(AlertDecoder.RegistryFault.class);
    }

    private static UnknownSchemaIdException unknownId(int errorCode) {
        return new UnknownSchemaIdException(
                "line.alerts",
                3,
                "Schema id 3 is not known",
                new SchemaNotFoundException("http://r:8081/schemas/ids/3", errorCode, "not found"));
    }
}
