package io.ultraline.app;

import io.ultraline.dev.EmbeddedKafka;
import io.ultraline.dev.EmbeddedSchemaRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The settings of one service instance of a multi-instance IT: shared model, broker, registry and prefix. */
final class InstanceSettings {

    private InstanceSettings() {}

    /** An instance on {@code port} of application {@code prefix + "app"}, with its own state directory. */
    static Map<String, Object> of(EmbeddedKafka kafka, EmbeddedSchemaRegistry registry, String prefix, int port)
            throws IOException {
        Map<String, Object> p = new HashMap<>();
        p.put("ultraline.model-dir", Path.of("models/line-vit").toAbsolutePath().toString());
        p.put("ultraline.kafka.bootstrap-servers", kafka.bootstrapServers());
        p.put("ultraline.kafka.application-id", prefix + "app");
        p.put(
                "ultraline.kafka.state-dir",
                Files.createTempDirectory(Files.createDirectories(Path.of("target")), "instance-state")
                        .toString());
        p.put("ultraline.kafka.topic-prefix", prefix);
        p.put("ultraline.kafka.advertised-endpoint", "127.0.0.1:" + port);
        p.put("ultraline.registry.url", registry.confluentApiUrl());
        p.put("ultraline.pipeline.inference.batch.max-wait", "50");
        p.put("micronaut.server.host", "127.0.0.1");
        p.put("micronaut.server.port", port);
        return p;
    }
}
