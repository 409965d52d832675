package io.ultraline.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultraline.avro.CameraFrame;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SerdeConfigTest {

    @Test
    void defaults() {
        SerdeConfig config = SerdeConfig.parse(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "http://r:8081"), false);

        assertThat(config.autoRegisterSchemas()).isTrue();
        assertThat(config.useLatestVersion()).isFalse();
        assertThat(config.subjectNameStrategy()).isEqualTo(SubjectNameStrategy.TOPIC_NAME);
        assertThat(config.latestCacheTtl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.specificType()).isEmpty();
        RegistrySettings settings = config.registrySettings();
        assertThat(settings.baseUrls()).containsExactly(URI.create("http://r:8081"));
        assertThat(settings.userInfo()).isEmpty();
        assertThat(settings.retry())
                .isEqualTo(new RegistryRetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(5)));
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void severalUrlsWithPrefixesAndOwnRetrySettings() {
        Map<String, Object> props = new HashMap<>();
        props.put(SerdeConfig.SCHEMA_REGISTRY_URL, "http://a:8080/apis/ccompat/v7, https://b/apis/ccompat/v7/");
        props.put(SerdeConfig.SCHEMA_REGISTRY_RETRIES, "2");
        props.put(SerdeConfig.SCHEMA_REGISTRY_RETRY_BACKOFF_MS, 7);
        props.put(SerdeConfig.SCHEMA_REGISTRY_RETRY_BACKOFF_MAX_MS, "70");
        props.put(SerdeConfig.SCHEMA_REGISTRY_REQUEST_TIMEOUT_MS, 1500);

        RegistrySettings settings = SerdeConfig.parse(props, false).registrySettings();

        assertThat(settings.baseUrls())
                .containsExactly(URI.create("http://a:8080/apis/ccompat/v7"), URI.create("https://b/apis/ccompat/v7/"));
        assertThat(settings.retry()).isEqualTo(new RegistryRetryPolicy(2, Duration.ofMillis(7), Duration.ofMillis(70)));
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void userInfoFromTheUrlIsMovedOutOfIt() {
        RegistrySettings settings = SerdeConfig.parse(
                        Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "http://u:p@r:8081/prefix"), false)
                .registrySettings();

        assertThat(settings.baseUrls()).containsExactly(URI.create("http://r:8081/prefix"));
        assertThat(settings.userInfo()).contains("u:p");
        assertThat(settings.toString()).doesNotContain("u:p");
    }

    @Test
    void userInfoSourceReadsEitherConfluentKey() {
        Map<String, Object> props = new HashMap<>();
        props.put(SerdeConfig.SCHEMA_REGISTRY_URL, "http://ignored:secret@r:8081");
        props.put(SerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO");
        props.put(SerdeConfig.SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO, "svc:pw");

        assertThat(SerdeConfig.parse(props, false).registrySettings().userInfo())
                .contains("svc:pw");
    }

    @Test
    void missingUserInfoForUserInfoSourceIsAConfigError() {
        Map<String, Object> props = Map.of(
                SerdeConfig.SCHEMA_REGISTRY_URL,
                "http://r:8081",
                SerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE,
                "USER_INFO");

        assertThatThrownBy(() -> SerdeConfig.parse(props, false).registrySettings())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(SerdeConfig.BASIC_AUTH_USER_INFO);
    }

    @Test
    void unsupportedCredentialsSourceIsAConfigError() {
        assertThatThrownBy(() ->
                        SerdeConfig.parse(Map.of(SerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "SASL_INHERIT"), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("SASL_INHERIT");
    }

    @Test
    void missingOrNonHttpUrlIsAConfigError() {
        assertThatThrownBy(() -> SerdeConfig.parse(Map.of(), false).registrySettings())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(SerdeConfig.SCHEMA_REGISTRY_URL);
        assertThatThrownBy(() -> SerdeConfig.parse(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mock://x"), false)
                        .registrySettings())
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void keyAndValueStrategiesAndTypesAreSeparate() {
        Map<String, Object> props = Map.of(
                SerdeConfig.KEY_SUBJECT_NAME_STRATEGY,
                "RecordNameStrategy",
                SerdeConfig.SPECIFIC_AVRO_VALUE_TYPE,
                CameraFrame.class.getName());

        assertThat(SerdeConfig.parse(props, true).subjectNameStrategy()).isEqualTo(SubjectNameStrategy.RECORD_NAME);
        assertThat(SerdeConfig.parse(props, false).subjectNameStrategy()).isEqualTo(SubjectNameStrategy.TOPIC_NAME);
        assertThat(SerdeConfig.parse(props, false).specificType()).isEqualTo(Optional.of(CameraFrame.class));
        assertThat(SerdeConfig.parse(props, true).specificType()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"TopicNameStrategy", "io.confluent.kafka.serializers.subject.TopicNameStrategy", "TOPIC_NAME"})
    void topicNameStrategyNames(String name) {
        Schema schema = CameraFrame.getClassSchema();
        SubjectNameStrategy strategy = SubjectNameStrategy.fromConfig("k", name);

        assertThat(strategy.subject("line.frames", false, schema)).isEqualTo("line.frames-value");
        assertThat(strategy.subject("line.frames", true, schema)).isEqualTo("line.frames-key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RecordNameStrategy", "io.confluent.kafka.serializers.subject.RecordNameStrategy"})
    void recordNameStrategyNames(String name) {
        assertThat(SubjectNameStrategy.fromConfig("k", name)
                        .subject("line.frames", false, CameraFrame.getClassSchema()))
                .isEqualTo("io.ultraline.avro.CameraFrame");
    }

    @Test
    void unsupportedStrategyIsRejectedWhenParsing() {
        assertThatThrownBy(() -> SerdeConfig.parse(
                        Map.of(
                                SerdeConfig.VALUE_SUBJECT_NAME_STRATEGY,
                                "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy"),
                        false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TopicRecordNameStrategy");
    }

    @Test
    void callersMapIsLeftAlone() {
        Map<String, Object> props = new HashMap<>(Map.of(SerdeConfig.SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO, "a:b"));

        SerdeConfig.parse(props, false);

        assertThat(props).containsOnlyKeys(SerdeConfig.SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO);
    }

    @Test
    void backoffDoublesUpToTheCap() {
        RegistryRetryPolicy policy = new RegistryRetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(1000));

        assertThat(policy.backoffBefore(0)).isZero();
        assertThat(policy.backoffBefore(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoffBefore(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoffBefore(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(policy.backoffBefore(5)).isEqualTo(Duration.ofMillis(1000));
        assertThat(policy.backoffBefore(500)).isEqualTo(Duration.ofMillis(1000));
    }
}
