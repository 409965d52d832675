package io.ultraline.dev;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A Kafka cluster that tests and the demo talk to without caring where it runs: an in-process
 * {@link EmbeddedKafka} or a container. Only what every kind can offer belongs here.
 */
public interface KafkaCluster extends AutoCloseable {

    /** The {@code bootstrap.servers} value for plain (unauthenticated) clients. */
    String bootstrapServers();

    /** Client settings that reach this cluster; callers copy and extend them. */
    default Map<String, Object> clientConfig() {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    }

    /**
     * Creates the topics and waits until the controller has accepted them.
     *
     * @throws IllegalStateException naming the topics when creation fails or takes longer than
     *     30 seconds; the Kafka exception (e.g. {@code TopicExistsException}) is the cause
     */
    default void createTopics(Collection<NewTopic> topics) {
        List<String> names = topics.stream().map(NewTopic::name).toList();
        try (Admin admin = Admin.create(clientConfig())) {
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "Could not create topics " + names + " on " + bootstrapServers(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Creating topics " + names + " on " + bootstrapServers() + " timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics " + names, e);
        }
    }

    /** See {@link #createTopics(Collection)}. */
    default void createTopics(NewTopic... topics) {
        createTopics(Arrays.asList(topics));
    }

    /** Creates one topic with the cluster's default replication factor. */
    default void createTopic(String name, int partitions) {
        createTopics(new NewTopic(name, Optional.of(partitions), Optional.empty()));
    }

    /** Releases the cluster; what happens to its data depends on the implementation. */
    @Override
    void close();
}
