package io.ultraline.app;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Creator;
import io.ultraline.serde.SerdeConfig;
import java.util.HashMap;
import java.util.Map;

/**
 * The schema registry ({@code ultraline.registry.*}), passed to the serdes under Confluent's names.
 *
 * @param url                {@code SCHEMA_REGISTRY_URL}, required; several comma-separated URLs are tried in turn
 * @param basicAuthUserInfo  {@code user:password}, empty for none
 * @param autoRegister       {@code SCHEMA_REGISTRY_AUTO_REGISTER}: whether the serializers register
 *                           the schemas they write; false where {@code ultraline schemas register}
 *                           put them there and the service must not change the registry
 */
@ConfigurationProperties("ultraline.registry")
public record RegistryConfig(String url, String basicAuthUserInfo, boolean autoRegister) {

    @Creator
    public RegistryConfig {}

    /** Registering schemas on first write, the serializers' default. */
    public RegistryConfig(String url, String basicAuthUserInfo) {
        this(url, basicAuthUserInfo, true);
    }

    void check(SettingsProblems problems) {
        problems.requireText("ultraline.registry.url", "SCHEMA_REGISTRY_URL", url);
        if (url != null && !url.isBlank()) {
            for (String u : url.split(",")) {
                if (!u.trim().matches("https?://\\S+")) {
                    problems.add("ultraline.registry.url (SCHEMA_REGISTRY_URL) must be http(s) URLs, got '"
                            + Redaction.urls(u.trim()) + "'");
                }
            }
        }
        String auth = KafkaSettings.text(basicAuthUserInfo);
        if (!auth.isEmpty() && !auth.contains(":")) {
            problems.add("ultraline.registry.basic-auth-user-info (SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO) must be "
                    + "user:password");
        }
    }

    /** Without credentials: a record's own toString would print the password wherever it is logged. */
    @Override
    public String toString() {
        return "RegistryConfig[url=" + Redaction.urls(url) + ", basicAuthUserInfo="
                + Redaction.userInfo(basicAuthUserInfo) + ", autoRegister=" + autoRegister + "]";
    }

    /** Serde settings: the registry URL, auto-registration and, when set, basic auth from user info. */
    Map<String, Object> serdeConfig() {
        Map<String, Object> out = new HashMap<>();
        out.put(SerdeConfig.SCHEMA_REGISTRY_URL, url.trim());
        out.put(SerdeConfig.AUTO_REGISTER_SCHEMAS, autoRegister);
        if (!KafkaSettings.text(basicAuthUserInfo).isEmpty()) {
            out.put(SerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO");
            out.put(SerdeConfig.BASIC_AUTH_USER_INFO, basicAuthUserInfo.trim());
        }
        return out;
    }
}
