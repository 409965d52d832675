package io.ultraline.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultraline.serde.probe.Probe;
import java.io.IOException;
import java.util.Map;
import org.apache.avro.util.ClassSecurityValidator;
import org.junit.jupiter.api.Test;

class AvroTrustTest {

    @Test
    void deserializerTrustsItsTargetPackageWhenTheSystemPropertyDoesNot() throws IOException {
        assertThat(ClassSecurityValidator.getGlobal().isTrusted(Probe.class))
                .as("io.ultraline.serde.probe is outside SERIALIZABLE_PACKAGES")
                .isFalse();

        try (FakeSchemaRegistry registry = FakeSchemaRegistry.start()) {
            Map<String, Object> config = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
            SpecificAvroSerde<Probe> serde = AvroSerdes.specific(Probe.class, config);

            Probe back = serde.deserializer()
                    .deserialize("probes", serde.serializer().serialize("probes", new Probe("p1")));

            assertThat(back.name()).isEqualTo("p1");
        }
        assertThat(ClassSecurityValidator.getGlobal().isTrusted(Probe.class)).isTrue();
        assertThat(ClassSecurityValidator.getGlobal().isTrusted(java.net.URL.class))
                .isFalse();
    }
}
