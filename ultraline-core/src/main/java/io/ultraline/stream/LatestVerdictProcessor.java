package io.ultraline.stream;

import io.ultraline.avro.FrameVerdict;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each camera's latest verdict in a store for interactive queries. A processor rather than
 * {@code toTable()}: the verdicts come out of a key-changing node, so the DSL would repartition them
 * through an extra topic although the key is the cameraId the input was partitioned by.
 */
final class LatestVerdictProcessor implements FixedKeyProcessor<String, FrameVerdict, Void> {

    private KeyValueStore<String, FrameVerdict> latest;

    static FixedKeyProcessorSupplier<String, FrameVerdict, Void> supplier() {
        return LatestVerdictProcessor::new;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Void> context) {
        latest = context.getStateStore(NodeNames.LATEST_VERDICTS_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, FrameVerdict> record) {
        if (record.key() != null && record.value() != null) {
            latest.put(record.key(), record.value());
        }
    }
}
