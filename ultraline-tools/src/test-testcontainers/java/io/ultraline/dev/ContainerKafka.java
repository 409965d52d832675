package io.ultraline.dev;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A {@link KafkaCluster} in an {@code apache/kafka} container, for machines with a Docker engine.
 * Compiled only in the {@code testcontainers} Maven profile; {@link TestKafka} finds it by name.
 */
public final class ContainerKafka implements KafkaCluster {

    /** System property naming the image; the profile sets it to the project's Kafka version. */
    public static final String IMAGE_PROPERTY = "ultraline.kafka.image";

    private static final String DEFAULT_IMAGE = "apache/kafka:4.4.0";

    private final KafkaContainer container;

    private ContainerKafka(KafkaContainer container) {
        this.container = container;
    }

    /** Starts a single-node container configured like {@link EmbeddedKafka}'s defaults. */
    public static ContainerKafka start() {
        DockerImageName image = DockerImageName.parse(System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE));
        // Testcontainers already sets the offsets/transaction-state replication and rebalance delay
        KafkaContainer container = new KafkaContainer(image)
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1");
        container.start();
        return new ContainerKafka(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    /** Stops and removes the container with its data. */
    @Override
    public void close() {
        container.stop();
    }
}
