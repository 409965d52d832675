package io.ultraline.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.FrameVerdict;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SerializerModesTest {

    private static final String TOPIC = "line.frames";
    private static final String SUBJECT = "line.frames-value";

    private FakeSchemaRegistry registry;

    @BeforeEach
    void startRegistry() throws IOException {
        registry = FakeSchemaRegistry.start();
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    @Test
    void withoutAutoRegisterAnUnregisteredSchemaIsNotFound() {
        SpecificAvroSerializer<SpecificRecord> serializer =
                serializer(Map.of(SerdeConfig.AUTO_REGISTER_SCHEMAS, "false"));

        assertThatThrownBy(() -> serializer.serialize(TOPIC, SampleRecords.cameraFrame()))
                .isInstanceOf(SchemaNotFoundException.class)
                .hasMessageContaining("/subjects/line.frames-value")
                .hasMessageContaining("topic=line.frames")
                .hasMessageContaining("reason=SCHEMA_NOT_FOUND");
        assertThat(registry.count("POST", "/subjects/line.frames-value/versions"))
                .isZero();
    }

    @Test
    void withoutAutoRegisterAPreRegisteredSchemaIsLookedUpOnce() {
        registry.preRegister(SUBJECT, FrameVerdict.getClassSchema().toString());
        registry.preRegister(SUBJECT, CameraFrame.getClassSchema().toString());
        SpecificAvroSerializer<SpecificRecord> serializer =
                serializer(Map.of(SerdeConfig.AUTO_REGISTER_SCHEMAS, false));

        byte[] first = serializer.serialize(TOPIC, SampleRecords.cameraFrame());
        serializer.serialize(TOPIC, SampleRecords.cameraFrame());

        assertThat(schemaIdOf(first)).isEqualTo(2);
        assertThat(registry.requests())
                .extracting(FakeSchemaRegistry.Request::path)
                .containsExactly("/subjects/line.frames-value");
    }

    @Test
    void latestVersionWithTheSameLayoutIsUsedDirectly() {
        int id = registry.preRegister(SUBJECT, CameraFrame.getClassSchema().toString());
        SpecificAvroSerializer<SpecificRecord> serializer =
                serializer(Map.of(SerdeConfig.AUTO_REGISTER_SCHEMAS, false, SerdeConfig.USE_LATEST_VERSION, true));

        byte[] payload = serializer.serialize(TOPIC, SampleRecords.cameraFrame());
        serializer.serialize(TOPIC, SampleRecords.cameraFrame());

        assertThat(schemaIdOf(payload)).isEqualTo(id);
        assertThat(registry.requests())
                .extracting(FakeSchemaRegistry.Request::path)
                .containsExactly("/subjects/line.frames-value/versions/latest");
        assertThat(reader().deserialize(TOPIC, payload)).isEqualTo(SampleRecords.cameraFrame());
    }

    @Test
    void newerLatestVersionGetsTheRecordResolvedIntoIt() throws IOException {
        Schema newer = withExtraField(CameraFrame.getClassSchema());
        registry.preRegister(SUBJECT, CameraFrame.getClassSchema().toString());
        int newerId = registry.preRegister(SUBJECT, newer.toString());
        SpecificAvroSerializer<SpecificRecord> serializer =
                serializer(Map.of(SerdeConfig.AUTO_REGISTER_SCHEMAS, false, SerdeConfig.USE_LATEST_VERSION, true));

        byte[] payload = serializer.serialize(TOPIC, SampleRecords.cameraFrame());

        assertThat(schemaIdOf(payload)).isEqualTo(newerId);
        GenericRecord asWritten = new GenericDatumReader<GenericRecord>(newer)
                .read(null, DecoderFactory.get().binaryDecoder(payload, 5, payload.length - 5, null));
        assertThat(asWritten.get("exposureMicros")).isEqualTo(250L);
        assertThat(asWritten.get("frameId")).hasToString("f-0001");
        // an old reader still gets its record back through resolution
        assertThat(reader().deserialize(TOPIC, payload)).isEqualTo(SampleRecords.cameraFrame());
    }

    @Test
    void latestVersionOfAnotherTypeIsRefused() {
        registry.preRegister(SUBJECT, FrameVerdict.getClassSchema().toString());
        SpecificAvroSerializer<SpecificRecord> serializer = serializer(Map.of(SerdeConfig.USE_LATEST_VERSION, true));

        assertThatThrownBy(() -> serializer.serialize(TOPIC, SampleRecords.cameraFrame()))
                .isInstanceOf(RecordEncodingException.class)
                .hasMessageContaining("Latest version 1 of subject line.frames-value (schema id 1)")
                .hasMessageContaining("cannot carry records of io.ultraline.avro.CameraFrame")
                .hasMessageContaining("topic=line.frames");
    }

    @Test
    void recordNameStrategyUsesTheFullRecordName() {
        SpecificAvroSerializer<SpecificRecord> serializer = serializer(Map.of(
                SerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, "io.confluent.kafka.serializers.subject.RecordNameStrategy"));

        serializer.serialize("any.topic", SampleRecords.cameraFrame());
        serializer.serialize("other.topic", SampleRecords.cameraFrame());

        assertThat(registry.requests())
                .extracting(FakeSchemaRegistry.Request::path)
                .containsExactly("/subjects/io.ultraline.avro.CameraFrame/versions");
    }

    @Test
    void topicNameStrategyNamesKeysAndValuesApart() {
        SpecificAvroSerializer<SpecificRecord> keys = new SpecificAvroSerializer<>();
        keys.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url()), true);

        keys.serialize(TOPIC, SampleRecords.source());
        serializer(Map.of()).serialize(TOPIC, SampleRecords.cameraFrame());

        assertThat(registry.requests())
                .extracting(FakeSchemaRegistry.Request::path)
                .containsExactly("/subjects/line.frames-key/versions", "/subjects/line.frames-value/versions");
    }

    @Test
    void recordThatBreaksItsSchemaIsAnEncodingFailure() {
        CameraFrame broken = SampleRecords.cameraFrame();
        broken.setCameraId(null);

        assertThatThrownBy(() -> serializer(Map.of()).serialize(TOPIC, broken))
                .isInstanceOf(RecordEncodingException.class)
                .hasMessageContaining("io.ultraline.avro.CameraFrame cannot be written")
                .hasMessageContaining("topic=line.frames")
                .hasMessageContaining("schemaId=1");
    }

    private SpecificAvroSerializer<SpecificRecord> serializer(Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(extra);
        config.put(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
        SpecificAvroSerializer<SpecificRecord> serializer = new SpecificAvroSerializer<>();
        serializer.configure(config, false);
        return serializer;
    }

    private SpecificAvroDeserializer<CameraFrame> reader() {
        SpecificAvroDeserializer<CameraFrame> deserializer = new SpecificAvroDeserializer<>(CameraFrame.class);
        deserializer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url()), false);
        return deserializer;
    }

    private static int schemaIdOf(byte[] payload) {
        return ByteBuffer.wrap(payload, 1, 4).getInt();
    }

    private static Schema withExtraField(Schema record) {
        String json = record.toString();
        String extra = ",{\"name\":\"exposureMicros\",\"type\":\"long\",\"default\":250}]}";
        return new Schema.Parser().parse(json.substring(0, json.length() - 2) + extra);
    }
}
