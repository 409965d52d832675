package io.ultraline.loadtest;

import io.ultraline.dev.EmbeddedKafka;
import io.ultraline.dev.EmbeddedSchemaRegistry;
import io.ultraline.dev.KafkaCluster;
import java.io.PrintStream;

/**
 * The broker and registry of a run: the scenario's external ones (left running afterwards), or an
 * embedded KRaft broker and an embedded Apicurio registry on 127.0.0.1, stopped on close.
 */
final class Stack implements AutoCloseable {

    private final KafkaCluster kafka;
    private final String registryUrl;
    private final EmbeddedSchemaRegistry registry;

    private Stack(KafkaCluster kafka, String registryUrl, EmbeddedSchemaRegistry registry) {
        this.kafka = kafka;
        this.registryUrl = registryUrl;
        this.registry = registry;
    }

    static Stack of(Scenario scenario, PrintStream log) {
        if (scenario.external().isPresent()) {
            Scenario.External e = scenario.external().get();
            log.printf("using Kafka at %s and the registry at %s%n", e.bootstrapServers(), e.schemaRegistryUrl());
            String bootstrap = e.bootstrapServers();
            return new Stack(
                    new KafkaCluster() {
                        @Override
                        public String bootstrapServers() {
                            return bootstrap;
                        }

                        @Override
                        public void close() {}
                    },
                    e.schemaRegistryUrl(),
                    null);
        }
        log.println("starting the embedded broker and registry on 127.0.0.1 ...");
        EmbeddedKafka kafka = EmbeddedKafka.builder().build().start();
        try {
            EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start();
            return new Stack(kafka, registry.confluentApiUrl(), registry);
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    KafkaCluster kafka() {
        return kafka;
    }

    String registryUrl() {
        return registryUrl;
    }

    @Override
    public void close() {
        try {
            if (registry != null) {
                registry.close();
            }
        } finally {
            kafka.close();
        }
    }
}
