package io.ultraline.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultraline.avro.CameraFrame;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SpecificAvroSerdeRoundTripTest {

    private FakeSchemaRegistry registry;

    @BeforeEach
    void startRegistry() throws IOException {
        registry = FakeSchemaRegistry.start("/apis/ccompat/v7");
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    static Stream<SpecificRecord> everyRecordType() {
        return SampleRecords.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyRecordType")
    void everyRecordTypeRoundTripsThroughTheRegistry(SpecificRecord record) {
        String topic = "rt." + record.getSchema().getName();

        byte[] payload = serializer().serialize(topic, record);
        // a separate deserializer with its own client: the writer schema must come back by id
        SpecificRecord back = deserializer(record.getClass()).deserialize(topic, payload);

        assertThat(payload[0]).isEqualTo(WireFormat.MAGIC_BYTE);
        assertThat(ByteBuffer.wrap(payload, 1, 4).getInt()).isEqualTo(1);
        assertThat(back).isInstanceOf(record.getClass()).isEqualTo(record);
        assertThat(registry.count("POST", "/subjects/" + topic + "-value/versions"))
                .isEqualTo(1);
    }

    @Test
    void schemaIdIsResolvedOncePerSubjectAndOncePerIdOnRead() {
        SpecificAvroSerializer<SpecificRecord> serializer = serializer();
        SpecificAvroDeserializer<CameraFrame> deserializer = deserializer(CameraFrame.class);

        for (int i = 0; i < 5; i++) {
            CameraFrame frame = SampleRecords.cameraFrame();
            frame.setFrameId("f-" + i);
            assertThat(deserializer.deserialize("line.frames", serializer.serialize("line.frames", frame)))
                    .isEqualTo(frame);
        }

        assertThat(registry.count("POST", "/subjects/line.frames-value/versions"))
                .isEqualTo(1);
        assertThat(registry.count("GET", "/schemas/ids/1")).isEqualTo(1);
        assertThat(registry.requests()).hasSize(2);
    }

    @Test
    void serdeSharesOneClientBetweenItsHalves() {
        SpecificAvroSerde<CameraFrame> serde = AvroSerdes.specific(CameraFrame.class, config());

        CameraFrame frame = SampleRecords.cameraFrame();
        CameraFrame back = serde.deserializer()
                .deserialize("line.frames", serde.serializer().serialize("line.frames", frame));

        assertThat(back).isEqualTo(frame);
        // the registered schema answers the read: no GET by id
        assertThat(registry.requests())
                .extracting(FakeSchemaRegistry.Request::path)
                .containsExactly("/subjects/line.frames-value/versions");
    }

    @Test
    void oneSerdeServesSeveralThreads() throws Exception {
        SpecificAvroSerde<CameraFrame> serde = AvroSerdes.specific(CameraFrame.class, config());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        CameraFrame frame = SampleRecords.cameraFrame();
                        frame.setFrameId(thread + "-" + i);
                        CameraFrame back = serde.deserializer()
                                .deserialize("line.frames", serde.serializer().serialize("line.frames", frame));
                        assertThat(back).isEqualTo(frame);
                    }
                    return 200;
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void byteBufferEntryPointReadsTheSame() {
        CameraFrame frame = SampleRecords.cameraFrame();
        byte[] payload = serializer().serialize("line.frames", frame);

        assertThat(deserializer(CameraFrame.class).deserialize("line.frames", null, ByteBuffer.wrap(payload)))
                .isEqualTo(frame);
        assertThat(deserializer(CameraFrame.class).deserialize("line.frames", null, (ByteBuffer) null))
                .isNull();
    }

    @Test
    void nullIsATombstoneBothWays() {
        assertThat(serializer().serialize("line.frames", null)).isNull();
        assertThat(deserializer(CameraFrame.class).deserialize("line.frames", null))
                .isNull();
        assertThat(registry.requests()).isEmpty();
    }

    private Map<String, Object> config() {
        return Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
    }

    private SpecificAvroSerializer<SpecificRecord> serializer() {
        SpecificAvroSerializer<SpecificRecord> serializer = new SpecificAvroSerializer<>();
        serializer.configure(config(), false);
        return serializer;
    }

    @SuppressWarnings("unchecked")
    private <T extends SpecificRecord> SpecificAvroDeserializer<T> deserializer(Class<?> type) {
        SpecificAvroDeserializer<T> deserializer = new SpecificAvroDeserializer<>((Class<T>) type);
        deserializer.configure(config(), false);
        return deserializer;
    }
}
