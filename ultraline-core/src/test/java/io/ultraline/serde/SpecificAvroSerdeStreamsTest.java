package io.ultraline.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.VerdictStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serdes inside a Kafka Streams topology, explicit and as configured defaults, run in
 * {@link TopologyTestDriver} (no broker) against {@link FakeSchemaRegistry}, an in-memory stand-in
 * for the registry's ccompat API. It proves the serdes plug into Streams' serde configuration and
 * round-trip records through a topology; the real broker and Apicurio registry are exercised by the
 * integration tests (InspectionPipelineIT and the other *IT classes).
 */
@DisplayName("SpecificAvroSerde in a TopologyTestDriver topology with an in-memory fake registry")
class SpecificAvroSerdeStreamsTest {

    @TempDir
    Path stateDir;

    private FakeSchemaRegistry registry;

    @BeforeEach
    void startRegistry() throws IOException {
        registry = FakeSchemaRegistry.start("/apis/ccompat/v7");
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    @Test
    void explicitSerdesCarryFramesInAndVerdictsOut() {
        Map<String, Object> serdeConfig = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
        SpecificAvroSerde<CameraFrame> frames = AvroSerdes.specific(CameraFrame.class, serdeConfig);
        SpecificAvroSerde<FrameVerdict> verdicts = AvroSerdes.specific(FrameVerdict.class, serdeConfig);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("line.frames", Consumed.with(Serdes.String(), frames).withName("frames-in"))
                .mapValues(SpecificAvroSerdeStreamsTest::verdictFor, Named.as("verdict"))
                .to("line.verdicts", Produced.with(Serdes.String(), verdicts).withName("verdicts-out"));

        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props(Map.of()))) {
            TestInputTopic<String, CameraFrame> in =
                    driver.createInputTopic("line.frames", new StringSerializer(), frames.serializer());
            TestOutputTopic<String, FrameVerdict> out =
                    driver.createOutputTopic("line.verdicts", new StringDeserializer(), verdicts.deserializer());

            in.pipeInput("cam-1", SampleRecords.cameraFrame());

            FrameVerdict verdict = out.readValue();
            assertThat(verdict.getFrameId()).isEqualTo("f-0001");
            assertThat(verdict.getStatus()).isEqualTo(VerdictStatus.UNCALIBRATED);
        }
        assertThat(registry.requests())
                .extracting(FakeSchemaRegistry.Request::path)
                .contains("/subjects/line.frames-value/versions", "/subjects/line.verdicts-value/versions");
    }

    @Test
    void defaultValueSerdeByClassNameAndBadRecordsReachTheHandler() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, CameraFrame>stream("line.frames")
                .mapValues(CameraFrame::getFrameId, Named.as("frame-id"))
                .to("ids", Produced.with(Serdes.String(), Serdes.String()).withName("ids-out"));
        Topology topology = builder.build();
        Map<String, Object> extra = Map.of(
                StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, SpecificAvroSerde.class.getName(),
                SerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, CameraFrame.class.getName(),
                SerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
        SpecificAvroSerde<CameraFrame> producerSide =
                AvroSerdes.specific(CameraFrame.class, Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url()));

        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props(extra))) {
            TestInputTopic<String, CameraFrame> in =
                    driver.createInputTopic("line.frames", new StringSerializer(), producerSide.serializer());
            TestOutputTopic<String, String> out =
                    driver.createOutputTopic("ids", new StringDeserializer(), new StringDeserializer());
            in.pipeInput("cam-1", SampleRecords.cameraFrame());
            assertThat(out.readValue()).isEqualTo("f-0001");

            TestInputTopic<String, byte[]> raw = driver.createInputTopic(
                    "line.frames",
                    new StringSerializer(),
                    new org.apache.kafka.common.serialization.ByteArraySerializer());
            // the default handler fails the task; the cause is our typed exception
            assertThatThrownBy(() -> raw.pipeInput("cam-1", new byte[] {'j', 's', 'o', 'n'}))
                    .isInstanceOf(StreamsException.class)
                    .hasRootCauseInstanceOf(MissingMagicByteException.class);
        }
    }

    private Properties props(Map<String, Object> extra) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "serde-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class.getName());
        props.putAll(extra);
        return props;
    }

    private static FrameVerdict verdictFor(CameraFrame frame) {
        return FrameVerdict.newBuilder(SampleRecords.frameVerdict())
                .setFrameId(frame.getFrameId())
                .setStatus(VerdictStatus.UNCALIBRATED)
                .build();
    }
}
