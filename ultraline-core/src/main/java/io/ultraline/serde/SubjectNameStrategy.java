package io.ultraline.serde;

import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;

/**
 * How a topic and a record schema name the registry subject, as Confluent's strategies of the same
 * names do.
 */
public enum SubjectNameStrategy {

    /** {@code <topic>-value} or {@code <topic>-key}: one record type per topic (the default). */
    TOPIC_NAME {
        @Override
        public String subject(String topic, boolean isKey, Schema schema) {
            return topic + (isKey ? "-key" : "-value");
        }
    },

    /** The record's full name, whatever the topic: one subject per record type across topics. */
    RECORD_NAME {
        @Override
        public String subject(String topic, boolean isKey, Schema schema) {
            return schema.getFullName();
        }
    };

    private static final String CONFLUENT_PACKAGE = "io.confluent.kafka.serializers.subject.";

    /** The subject for a record of {@code schema} on {@code topic}. */
    public abstract String subject(String topic, boolean isKey, Schema schema);

    /**
     * Reads a configured strategy: Confluent's class names
     * ({@code io.confluent.kafka.serializers.subject.TopicNameStrategy}, {@code ...RecordNameStrategy}),
     * their short names, or this enum's constant names.
     *
     * @throws ConfigException for any other name, TopicRecordNameStrategy included
     */
    public static SubjectNameStrategy fromConfig(String key, String name) {
        String shortName = name.trim();
        if (shortName.startsWith(CONFLUENT_PACKAGE)) {
            shortName = shortName.substring(CONFLUENT_PACKAGE.length());
        }
        switch (shortName.toUpperCase(Locale.ROOT)) {
            case "TOPICNAMESTRATEGY":
            case "TOPIC_NAME":
                return TOPIC_NAME;
            case "RECORDNAMESTRATEGY":
            case "RECORD_NAME":
                return RECORD_NAME;
            default:
                throw new ConfigException(
                        key, name, "supported: TopicNameStrategy, RecordNameStrategy (short or Confluent class names)");
        }
    }
}
