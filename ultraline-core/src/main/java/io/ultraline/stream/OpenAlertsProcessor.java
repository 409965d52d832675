package io.ultraline.stream;

import io.ultraline.avro.AlertState;
import io.ultraline.avro.LineAlert;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the open alerts of one scope in a store for interactive queries: an OPEN record puts the
 * alert under {@code scopeId|ruleId}, its CLEARED record removes it. Forwards nothing.
 */
final class OpenAlertsProcessor implements FixedKeyProcessor<String, LineAlert, Void> {

    /** Separates scope id and rule id in store keys; a prefix scan on {@code scopeId|} finds a scope's alerts. */
    static final char SEPARATOR = '|';

    private final String storeName;
    private KeyValueStore<String, LineAlert> open;

    private OpenAlertsProcessor(String storeName) {
        this.storeName = storeName;
    }

    static FixedKeyProcessorSupplier<String, LineAlert, Void> supplier(String storeName) {
        return () -> new OpenAlertsProcessor(storeName);
    }

    static String key(String scopeId, String ruleId) {
        return scopeId + SEPARATOR + ruleId;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Void> context) {
        open = context.getStateStore(storeName);
    }

    @Override
    public void process(FixedKeyRecord<String, LineAlert> record) {
        LineAlert alert = record.value();
        if (alert == null) {
            return;
        }
        String key = key(alert.getScopeId(), alert.getRuleId());
        if (alert.getState() == AlertState.OPEN) {
            open.put(key, alert);
        } else if (alert.getState() == AlertState.CLEARED) {
            open.delete(key);
        }
    }
}
