package io.ultraline.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.RejectReason;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeserializerBadInputTest {

    private static final String TOPIC = "line.frames";

    private FakeSchemaRegistry registry;
    private SpecificAvroSerializer<SpecificRecord> serializer;
    private SpecificAvroDeserializer<CameraFrame> deserializer;

    @BeforeEach
    void setUp() throws IOException {
        registry = FakeSchemaRegistry.start();
        Map<String, Object> config =
                Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url(), SerdeConfig.SCHEMA_REGISTRY_RETRIES, 0);
        serializer = new SpecificAvroSerializer<>();
        serializer.configure(config, false);
        deserializer = new SpecificAvroDeserializer<>(CameraFrame.class);
        deserializer.configure(config, false);
    }

    @AfterEach
    void tearDown() {
        registry.close();
    }

    @Test
    void payloadWithoutMagicByte() {
        byte[] plainAvro = {2, 'a', 2, 'b'};

        MissingMagicByteException e =
                catchThrowableOfType(MissingMagicByteException.class, () -> deserializer.deserialize(TOPIC, plainAvro));

        assertThat(e.reason()).isEqualTo(SerdeReason.MISSING_MAGIC_BYTE);
        assertThat(e.reason().rejectReason()).isEqualTo(RejectReason.DESERIALIZATION_FAILED);
        assertThat(e).hasMessageContaining("topic=line.frames").hasMessageContaining("0x02");
        assertThat(registry.requests()).isEmpty();
    }

    @Test
    void payloadShorterThanTheHeader() {
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[] {0, 0, 0, 1}))
                .isInstanceOf(TruncatedPayloadException.class)
                .hasMessageContaining("4 bytes")
                .hasMessageContaining("topic=line.frames");
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[0]))
                .isInstanceOf(TruncatedPayloadException.class);
    }

    @Test
    void bodyThatEndsEarly() {
        byte[] whole = serializer.serialize(TOPIC, SampleRecords.cameraFrame());
        byte[] cut = Arrays.copyOf(whole, whole.length - 3);

        TruncatedPayloadException e =
                catchThrowableOfType(TruncatedPayloadException.class, () -> deserializer.deserialize(TOPIC, cut));

        assertThat(e.failure().schemaId()).isEqualTo(1);
        assertThat(e)
                .hasMessageContaining("schemaId=1")
                .hasMessageContaining("topic=line.frames")
                .hasMessageContaining("ends before the record")
                .hasMessageContaining("EOFException");
    }

    @Test
    void unknownSchemaId() {
        byte[] payload = WireFormat.encode(12345, new byte[] {2, 'x'});

        UnknownSchemaIdException e =
                catchThrowableOfType(UnknownSchemaIdException.class, () -> deserializer.deserialize(TOPIC, payload));

        assertThat(e.reason()).isEqualTo(SerdeReason.UNKNOWN_SCHEMA_ID);
        assertThat(e.reason().rejectReason()).isEqualTo(RejectReason.UNKNOWN_SCHEMA);
        assertThat(e.failure().schemaId()).isEqualTo(12345);
        assertThat(e.getCause()).isInstanceOf(SchemaNotFoundException.class);
        assertThat(((SchemaNotFoundException) e.getCause()).errorCode()).isEqualTo(40403);
        assertThat(e)
                .hasMessageContaining("Schema id 12345 is not known")
                .hasMessageContaining("Schema 12345 not found")
                .hasMessageContaining("topic=line.frames")
                .hasMessageContaining("schemaId=12345");
        // 4xx is not retried
        assertThat(registry.count("GET", "/schemas/ids/12345")).isEqualTo(1);
    }

    @Test
    void payloadOfAnotherRecordType() {
        byte[] verdict = serializer.serialize("line.verdicts", SampleRecords.frameVerdict());

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> deserializer.deserialize(TOPIC, verdict))
                    .isInstanceOf(IncompatibleRecordTypeException.class)
                    .hasMessageContaining("is record io.ultraline.avro.FrameVerdict, not io.ultraline.avro.CameraFrame")
                    .hasMessageContaining("topic=line.frames")
                    .hasMessageContaining("schemaId=1")
                    .satisfies(e ->
                            assertThat(((SerdeException) e).reason()).isEqualTo(SerdeReason.INCOMPATIBLE_RECORD_TYPE));
        }
        // the verdict is cached: one registry call for the id, not one per record; the register
        // call cached the schema in the serializer's own client, not in the deserializer's
        assertThat(registry.count("GET", "/schemas/ids/1")).isEqualTo(1);
    }

    @Test
    void sameSimpleNameInAnotherNamespaceIsAnotherType() {
        Schema impostor = renamed(CameraFrame.getClassSchema(), "other.vendor");
        int id = registry.preRegister("vendor-value", impostor.toString());

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, WireFormat.encode(id, new byte[] {0})))
                .isInstanceOf(IncompatibleRecordTypeException.class)
                .hasMessageContaining("other.vendor.CameraFrame");
    }

    @Test
    void writerThatCannotResolveToTheClass() {
        Schema withoutFrameId = SchemaBuilder.record("CameraFrame")
                .namespace("io.ultraline.avro")
                .fields()
                .requiredString("cameraId")
                .endRecord();
        int id = registry.preRegister("old-value", withoutFrameId.toString());

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, WireFormat.encode(id, new byte[] {2, 'c'})))
                .isInstanceOf(IncompatibleRecordTypeException.class)
                .hasMessageContaining("does not resolve to io.ultraline.avro.CameraFrame")
                .hasMessageContaining("frameId");
    }

    @Test
    void nonAvroWriterSchemaIsAnotherType() {
        registry.failNext(200, "{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\";\"}");

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, WireFormat.encode(77, new byte[] {0})))
                .isInstanceOf(IncompatibleRecordTypeException.class)
                .hasMessageContaining("PROTOBUF schema, not Avro");
    }

    @Test
    void leftoverBytesAfterTheRecordAreCorrupt() {
        byte[] whole = serializer.serialize(TOPIC, SampleRecords.cameraFrame());
        byte[] padded = Arrays.copyOf(whole, whole.length + 2);

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, padded))
                .isInstanceOf(CorruptPayloadException.class)
                .hasMessageContaining("left over")
                .hasMessageContaining("reason=CORRUPT_PAYLOAD");
    }

    @Test
    void undecodableBodyIsCorrupt() {
        serializer.serialize(TOPIC, SampleRecords.cameraFrame());
        byte[] negativeStringLength = WireFormat.encode(1, new byte[] {1, 0, 0});

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, negativeStringLength))
                .isInstanceOf(CorruptPayloadException.class)
                .hasMessageContaining("does not decode")
                .hasMessageContaining("schemaId=1")
                .hasMessageContaining("cause:");
    }

    @Test
    void callerAddsPartitionAndOffsetKeepingTheType() {
        SerdeException original = catchThrowableOfType(
                UnknownSchemaIdException.class,
                () -> deserializer.deserialize(TOPIC, WireFormat.encode(99, new byte[0])));

        SerdeException located = original.withLocation(3, 1_234_567L);

        assertThat(located)
                .isInstanceOf(UnknownSchemaIdException.class)
                .hasMessageContaining("topic=line.frames, partition=3, offset=1234567, schemaId=99")
                .hasCause(original.getCause());
        assertThat(located.getStackTrace()).isEqualTo(original.getStackTrace());
        assertThat(located.failure().partition()).isEqualTo(3);
        assertThat(located.failure().offset()).isEqualTo(1_234_567L);
        assertThat(original.failure().partition()).isNull();
    }

    private static Schema renamed(Schema record, String namespace) {
        String json =
                record.toString().replace("\"namespace\":\"io.ultraline.avro\"", "\"namespace\":\"" + namespace + "\"");
        return new Schema.Parser().parse(json);
    }
}
