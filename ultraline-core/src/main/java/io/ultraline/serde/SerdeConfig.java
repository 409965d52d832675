package io.ultraline.serde;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The serde configuration, read from the map Kafka hands to {@code configure}. Key names follow
 * Confluent's serializers where Confluent has one; the retry and timeout keys are this project's.
 * Unknown keys are ignored (Kafka Streams passes its whole configuration). The caller's map is
 * never modified.
 */
public final class SerdeConfig {

    /** Comma-separated base URLs, path prefix included; the next is tried when one fails. */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    /** Whether the serializer registers its schema (default true) or only looks it up. */
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    /** Whether the serializer writes with the subject's latest version (default false). */
    public static final String USE_LATEST_VERSION = "use.latest.version";
    /** Seconds a subject's latest version is reused; -1 forever, 0 never (default 30). */
    public static final String LATEST_CACHE_TTL_SEC = "latest.cache.ttl.sec";
    /** {@code URL} (user info in the URL, default) or {@code USER_INFO}. */
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    /** {@code user:password} when the source is {@code USER_INFO}. */
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    /** Alternative name of {@link #BASIC_AUTH_USER_INFO} that Confluent also reads. */
    public static final String SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO = "schema.registry.basic.auth.user.info";
    /** Subject naming for keys: TopicNameStrategy (default) or RecordNameStrategy. */
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    /** Subject naming for values: TopicNameStrategy (default) or RecordNameStrategy. */
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
    /** Generated class a key deserializer built without one produces. */
    public static final String SPECIFIC_AVRO_KEY_TYPE = "specific.avro.key.type";
    /** Generated class a value deserializer built without one produces. */
    public static final String SPECIFIC_AVRO_VALUE_TYPE = "specific.avro.value.type";
    /** Extra rounds over all URLs after a failed one (default 5). */
    public static final String SCHEMA_REGISTRY_RETRIES = "schema.registry.retries";
    /** Wait after the first failed round, doubled after each further one (default 100). */
    public static final String SCHEMA_REGISTRY_RETRY_BACKOFF_MS = "schema.registry.retry.backoff.ms";
    /** Cap of that wait (default 5000). */
    public static final String SCHEMA_REGISTRY_RETRY_BACKOFF_MAX_MS = "schema.registry.retry.backoff.max.ms";
    /** Connect and response timeout of one request (default 10000). */
    public static final String SCHEMA_REGISTRY_REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";

    static final int DEFAULT_RETRIES = 5;
    static final long DEFAULT_RETRY_BACKOFF_MS = 100;
    static final long DEFAULT_RETRY_BACKOFF_MAX_MS = 5_000;
    static final int DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
    private static final String SOURCE_URL = "URL";
    private static final String SOURCE_USER_INFO = "USER_INFO";

    private static final ConfigDef DEFINITION = new ConfigDef()
            .define(
                    SCHEMA_REGISTRY_URL,
                    Type.LIST,
                    null,
                    Importance.HIGH,
                    "Comma-separated schema registry base URLs, path prefix included.")
            .define(
                    AUTO_REGISTER_SCHEMAS,
                    Type.BOOLEAN,
                    true,
                    Importance.MEDIUM,
                    "Register the record's schema; when false it must already be registered.")
            .define(
                    USE_LATEST_VERSION,
                    Type.BOOLEAN,
                    false,
                    Importance.MEDIUM,
                    "Write with the subject's latest version, which must be able to read the record's schema.")
            .define(
                    LATEST_CACHE_TTL_SEC,
                    Type.LONG,
                    30L,
                    Importance.LOW,
                    "Seconds a subject's latest version is cached; -1 forever, 0 not at all.")
            .define(
                    BASIC_AUTH_CREDENTIALS_SOURCE,
                    Type.STRING,
                    SOURCE_URL,
                    ValidString.in(SOURCE_URL, SOURCE_USER_INFO),
                    Importance.MEDIUM,
                    "Where basic auth credentials come from: URL (user info in the URL) or USER_INFO.")
            .define(
                    BASIC_AUTH_USER_INFO,
                    Type.PASSWORD,
                    null,
                    Importance.MEDIUM,
                    "user:password for basic auth when the source is USER_INFO.")
            .define(
                    KEY_SUBJECT_NAME_STRATEGY,
                    Type.STRING,
                    "TopicNameStrategy",
                    Importance.MEDIUM,
                    "TopicNameStrategy or RecordNameStrategy, short or Confluent class name.")
            .define(
                    VALUE_SUBJECT_NAME_STRATEGY,
                    Type.STRING,
                    "TopicNameStrategy",
                    Importance.MEDIUM,
                    "TopicNameStrategy or RecordNameStrategy, short or Confluent class name.")
            .define(
                    SPECIFIC_AVRO_KEY_TYPE,
                    Type.CLASS,
                    null,
                    Importance.LOW,
                    "Generated Avro class a key deserializer produces when built without one.")
            .define(
                    SPECIFIC_AVRO_VALUE_TYPE,
                    Type.CLASS,
                    null,
                    Importance.LOW,
                    "Generated Avro class a value deserializer produces when built without one.")
            .define(
                    SCHEMA_REGISTRY_RETRIES,
                    Type.INT,
                    DEFAULT_RETRIES,
                    Range.atLeast(0),
                    Importance.LOW,
                    "Extra rounds over all registry URLs after a failed round.")
            .define(
                    SCHEMA_REGISTRY_RETRY_BACKOFF_MS,
                    Type.LONG,
                    DEFAULT_RETRY_BACKOFF_MS,
                    Range.atLeast(0),
                    Importance.LOW,
                    "Wait after the first failed round; doubled after each further one.")
            .define(
                    SCHEMA_REGISTRY_RETRY_BACKOFF_MAX_MS,
                    Type.LONG,
                    DEFAULT_RETRY_BACKOFF_MAX_MS,
                    Range.atLeast(0),
                    Importance.LOW,
                    "Longest wait between rounds.")
            .define(
                    SCHEMA_REGISTRY_REQUEST_TIMEOUT_MS,
                    Type.INT,
                    DEFAULT_REQUEST_TIMEOUT_MS,
                    Range.atLeast(1),
                    Importance.LOW,
                    "Connect and response timeout of one registry request.");

    private final Map<String, Object> values;
    private final boolean isKey;

    private SerdeConfig(Map<String, Object> values, boolean isKey) {
        this.values = values;
        this.isKey = isKey;
    }

    /** A copy of the definition, for documentation and validation. */
    public static ConfigDef configDef() {
        return new ConfigDef(DEFINITION);
    }

    /**
     * Parses and validates {@code props}.
     *
     * @throws ConfigException on a malformed or unsupported value
     */
    public static SerdeConfig parse(Map<String, ?> props, boolean isKey) {
        Map<String, Object> copy = new HashMap<>(props);
        if (!copy.containsKey(BASIC_AUTH_USER_INFO) && copy.containsKey(SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO)) {
            copy.put(BASIC_AUTH_USER_INFO, copy.get(SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO));
        }
        SerdeConfig config = new SerdeConfig(DEFINITION.parse(copy), isKey);
        config.subjectNameStrategy();
        return config;
    }

    /** Whether this configures a key (de)serializer. */
    public boolean isKey() {
        return isKey;
    }

    public boolean autoRegisterSchemas() {
        return (Boolean) values.get(AUTO_REGISTER_SCHEMAS);
    }

    public boolean useLatestVersion() {
        return (Boolean) values.get(USE_LATEST_VERSION);
    }

    /** Time to live of cached latest versions; negative means forever. */
    public Duration latestCacheTtl() {
        return Duration.ofSeconds((Long) values.get(LATEST_CACHE_TTL_SEC));
    }

    /** The strategy for keys or values, whichever this configures. */
    public SubjectNameStrategy subjectNameStrategy() {
        String key = isKey ? KEY_SUBJECT_NAME_STRATEGY : VALUE_SUBJECT_NAME_STRATEGY;
        return SubjectNameStrategy.fromConfig(key, (String) values.get(key));
    }

    /** The configured target class for keys or values, whichever this configures. */
    public Optional<Class<?>> specificType() {
        return Optional.ofNullable((Class<?>) values.get(isKey ? SPECIFIC_AVRO_KEY_TYPE : SPECIFIC_AVRO_VALUE_TYPE));
    }

    /** A caching REST client for the configured registry. */
    public SchemaRegistryClient createClient() {
        return new CachingSchemaRegistryClient(new RestSchemaRegistryClient(registrySettings()), latestCacheTtl());
    }

    /**
     * URLs, credentials, retries and timeout.
     *
     * @throws ConfigException when no URL is configured or credentials are missing
     */
    @SuppressWarnings("unchecked")
    public RegistrySettings registrySettings() {
        List<String> urls = (List<String>) values.get(SCHEMA_REGISTRY_URL);
        if (urls == null || urls.isEmpty() || urls.stream().allMatch(String::isBlank)) {
            throw new ConfigException("Missing required configuration \"" + SCHEMA_REGISTRY_URL + "\"");
        }
        List<URI> baseUrls = new ArrayList<>();
        String userInfoFromUrl = null;
        for (String text : urls) {
            if (text.isBlank()) {
                continue;
            }
            URI url = parseUrl(text.trim());
            if (url.getUserInfo() != null && userInfoFromUrl == null) {
                userInfoFromUrl = url.getUserInfo();
            }
            baseUrls.add(
                    URI.create(url.getScheme() + "://" + url.getRawAuthority().replaceFirst("^.*@", "")
                            + (url.getRawPath() == null ? "" : url.getRawPath())));
        }
        Optional<String> userInfo;
        if (SOURCE_USER_INFO.equals(values.get(BASIC_AUTH_CREDENTIALS_SOURCE))) {
            Password password = (Password) values.get(BASIC_AUTH_USER_INFO);
            if (password == null || password.value().isBlank()) {
                throw new ConfigException(BASIC_AUTH_USER_INFO + " must be set when " + BASIC_AUTH_CREDENTIALS_SOURCE
                        + " is " + SOURCE_USER_INFO);
            }
            userInfo = Optional.of(password.value());
        } else {
            userInfo = Optional.ofNullable(userInfoFromUrl);
        }
        RegistryRetryPolicy retry = new RegistryRetryPolicy(
                (Integer) values.get(SCHEMA_REGISTRY_RETRIES),
                Duration.ofMillis((Long) values.get(SCHEMA_REGISTRY_RETRY_BACKOFF_MS)),
                Duration.ofMillis((Long) values.get(SCHEMA_REGISTRY_RETRY_BACKOFF_MAX_MS)));
        Duration timeout = Duration.ofMillis((Integer) values.get(SCHEMA_REGISTRY_REQUEST_TIMEOUT_MS));
        return new RegistrySettings(baseUrls, userInfo, retry, timeout);
    }

    private static URI parseUrl(String text) {
        URI url;
        try {
            url = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, text.replaceFirst("//[^/@]*@", "//****@"), e.getMessage());
        }
        if (url.getRawAuthority() == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, url.getHost(), "must be an http or https URL");
        }
        return url;
    }
}
