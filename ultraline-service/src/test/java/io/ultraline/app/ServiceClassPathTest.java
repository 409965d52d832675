package io.ultraline.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The service module's class path is what the container image carries (Jib copies this module's
 * runtime dependencies): it must run the service without the embedded broker or the command line,
 * which live in ultraline-tools.
 */
class ServiceClassPathTest {

    @Test
    void theServiceEntryPointIsHere() throws ClassNotFoundException {
        assertThat(Class.forName("io.ultraline.app.ServiceMain")).isNotNull();
        assertThat(Class.forName("org.apache.kafka.streams.KafkaStreams")).isNotNull();
    }

    @Test
    void noBrokerJarsReachTheService() {
        for (String brokerClass : new String[] {
            "kafka.server.KafkaRaftServer",
            "kafka.server.BrokerServer",
            "org.apache.kafka.server.common.MetadataVersion",
            "org.apache.kafka.metadata.BrokerRegistration"
        }) {
            assertThatThrownBy(() -> Class.forName(brokerClass))
                    .as(brokerClass)
                    .isInstanceOf(ClassNotFoundException.class);
        }
    }

    @Test
    void neitherTheCommandLineNorTheDevStackReachTheService() {
        for (String toolClass :
                new String[] {"io.ultraline.cli.Main", "io.ultraline.dev.EmbeddedKafka", "picocli.CommandLine"}) {
            assertThatThrownBy(() -> Class.forName(toolClass)).as(toolClass).isInstanceOf(ClassNotFoundException.class);
        }
    }
}
