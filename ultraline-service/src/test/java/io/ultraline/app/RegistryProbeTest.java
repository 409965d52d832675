package io.ultraline.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryProbeTest {

    @Test
    void theProblemShownInHealthDetailsHidesUrlCredentials() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        ServiceSettings settings = new ServiceSettings(
                new ModelConfig("models/line-vit", 0, 0),
                new KafkaSettings(
                        "127.0.0.1:9092",
                        "ultraline",
                        "/tmp/state",
                        1,
                        "",
                        "",
                        "PLAINTEXT",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        45_000),
                new RegistryConfig("http://svc:registry-secret@127.0.0.1:" + closed + "/apis/ccompat/v7", "svc:x"),
                SecurityConfig.withToken("a-token-of-sufficient-length"),
                Map.of());
        String problem = new RegistryProbe(settings).problem();
        assertThat(problem).contains("http://***@127.0.0.1:" + closed).doesNotContain("registry-secret");
    }
}
