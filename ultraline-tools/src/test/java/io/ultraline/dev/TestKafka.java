package io.ultraline.dev;

import java.lang.reflect.InvocationTargetException;
import java.util.Locale;
import java.util.Map;

/**
 * Hands tests a {@link KafkaCluster} without telling them which kind: system property
 * {@value #PROPERTY} is {@code embedded} (the default, an in-process {@link EmbeddedKafka}) or
 * {@code testcontainers} (a Kafka container; needs Docker and the {@code testcontainers} Maven
 * profile, which puts that implementation on the test classpath).
 */
public final class TestKafka {

    public static final String PROPERTY = "ultraline.kafka";
    private static final String CONTAINER_CLASS = "io.ultraline.dev.ContainerKafka";

    private static KafkaCluster shared;

    private TestKafka() {}

    /**
     * One cluster for the whole test JVM, started on first use and stopped when the JVM exits.
     * Closing the returned object does nothing, so tests may use try-with-resources freely;
     * they should give their topics unique names.
     */
    public static synchronized KafkaCluster shared() {
        if (shared == null) {
            shared = new Unclosable(create());
        }
        return shared;
    }

    /** A new cluster owned by the caller, which must close it. */
    public static KafkaCluster create() {
        String kind = System.getProperty(PROPERTY, "embedded").trim().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "embedded" -> EmbeddedKafka.builder().build().start();
            case "testcontainers" -> startContainer();
            default ->
                throw new IllegalArgumentException(
                        PROPERTY + " must be 'embedded' or 'testcontainers', got '" + kind + "'");
        };
    }

    // Reflection keeps this class compilable without the testcontainers profile.
    private static KafkaCluster startContainer() {
        try {
            return (KafkaCluster)
                    Class.forName(CONTAINER_CLASS).getMethod("start").invoke(null);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(
                    PROPERTY + "=testcontainers needs the Maven profile " + "that compiles " + CONTAINER_CLASS
                            + ": run with -Ptestcontainers",
                    e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Could not start the Kafka container", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot call " + CONTAINER_CLASS + ".start()", e);
        }
    }

    private record Unclosable(KafkaCluster delegate) implements KafkaCluster {

        @Override
        public String bootstrapServers() {
            return delegate.bootstrapServers();
        }

        @Override
        public Map<String, Object> clientConfig() {
            return delegate.clientConfig();
        }

        @Override
        public void close() {
            // the JVM shutdown hook (embedded) or Ryuk (container) stops the shared cluster
        }
    }
}
