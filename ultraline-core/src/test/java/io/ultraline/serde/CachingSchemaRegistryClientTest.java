package io.ultraline.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CachingSchemaRegistryClientTest {

    private final CountingClient delegate = new CountingClient();
    private final AtomicLong nanos = new AtomicLong();

    @Test
    void idsAndSchemasAreCachedForever() {
        CachingSchemaRegistryClient client = new CachingSchemaRegistryClient(delegate, Duration.ZERO, nanos::get);

        client.register("s", "{\"type\":\"string\"}");
        client.register("s", "{\"type\":\"string\"}");
        client.lookup("s", "{\"type\":\"string\"}");
        client.lookup("s", "{\"type\":\"string\"}");
        client.schemaById(9);
        client.schemaById(9);

        assertThat(delegate.calls).containsExactly("register s", "lookup s", "byId 9");
    }

    @Test
    void registeringAlsoAnswersReadsOfThatId() {
        CachingSchemaRegistryClient client = new CachingSchemaRegistryClient(delegate, Duration.ZERO, nanos::get);

        int id = client.register("s", "{\"type\":\"string\"}");

        assertThat(client.schemaById(id).schema()).isEqualTo("{\"type\":\"string\"}");
        assertThat(delegate.calls).containsExactly("register s");
    }

    @Test
    void latestVersionExpiresAfterItsTimeToLive() {
        CachingSchemaRegistryClient client =
                new CachingSchemaRegistryClient(delegate, Duration.ofSeconds(30), nanos::get);

        client.latestVersion("s");
        nanos.addAndGet(Duration.ofSeconds(29).toNanos());
        client.latestVersion("s");
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        client.latestVersion("s");

        assertThat(delegate.calls).containsExactly("latest s", "latest s");
    }

    @Test
    void zeroTimeToLiveAlwaysAsksAndNegativeNeverExpires() {
        CachingSchemaRegistryClient uncached = new CachingSchemaRegistryClient(delegate, Duration.ZERO, nanos::get);
        uncached.latestVersion("a");
        uncached.latestVersion("a");
        CachingSchemaRegistryClient forever =
                new CachingSchemaRegistryClient(delegate, Duration.ofSeconds(-1), nanos::get);
        forever.latestVersion("b");
        nanos.addAndGet(Duration.ofDays(365).toNanos());
        forever.latestVersion("b");

        assertThat(delegate.calls).containsExactly("latest a", "latest a", "latest b");
    }

    @Test
    void failuresAreNotCached() {
        CachingSchemaRegistryClient client = new CachingSchemaRegistryClient(delegate, Duration.ZERO, nanos::get);
        delegate.failNext = true;

        assertThatThrownBy(() -> client.schemaById(3)).isInstanceOf(RegistryUnavailableException.class);
        assertThat(client.schemaById(3).id()).isEqualTo(3);
    }

    /** Answers everything, remembering the calls. */
    private static final class CountingClient implements SchemaRegistryClient {
        final List<String> calls = new ArrayList<>();
        boolean failNext;

        @Override
        public int register(String subject, String schema) {
            calls.add("register " + subject);
            return 7;
        }

        @Override
        public RegisteredSchema lookup(String subject, String schema) {
            calls.add("lookup " + subject);
            return new RegisteredSchema(7, subject, 1, "AVRO", schema);
        }

        @Override
        public RegisteredSchema schemaById(int id) {
            if (failNext) {
                failNext = false;
                throw new RegistryUnavailableException(List.of("http://x"), 1, "down", null);
            }
            calls.add("byId " + id);
            return new RegisteredSchema(id, null, null, "AVRO", "\"string\"");
        }

        @Override
        public RegisteredSchema latestVersion(String subject) {
            calls.add("latest " + subject);
            return new RegisteredSchema(7, subject, 1, "AVRO", "\"string\"");
        }

        @Override
        public Optional<CompatibilityLevel> compatibility(String subject) {
            return Optional.empty();
        }

        @Override
        public CompatibilityLevel globalCompatibility() {
            return CompatibilityLevel.BACKWARD;
        }

        @Override
        public void setCompatibility(String subject, CompatibilityLevel level) {}

        @Override
        public void setGlobalCompatibility(CompatibilityLevel level) {}

        @Override
        public CompatibilityResult testCompatibility(String subject, String schema) {
            return new CompatibilityResult(true, List.of());
        }
    }
}
