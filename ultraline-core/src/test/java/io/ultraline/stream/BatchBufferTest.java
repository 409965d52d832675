package io.ultraline.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BatchBufferTest {

    private KeyValueStore<Long, byte[]> store;

    @BeforeEach
    void store() {
        store = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(NodeNames.BUFFER_STORE), Serdes.Long(), Serdes.ByteArray())
                .withLoggingDisabled()
                .build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    }

    @Test
    void waitingFramesComeBackInArrivalOrderAndRemovedOnesLeaveTheStore() {
        BatchBuffer buffer = new BatchBuffer(store);
        buffer.add(frame(10), 500);
        buffer.add(frame(11), 300);
        buffer.add(frame(12), 700);

        assertThat(buffer.entries()).extracting(e -> e.original().offset()).containsExactly(10L, 11L, 12L);
        assertThat(buffer.entries()).allSatisfy(e -> assertThat(e.frame()).isNotNull());
        assertThat(buffer.oldestArrival()).hasValue(300);

        buffer.remove(buffer.entries().subList(0, 2));

        assertThat(buffer.size()).isEqualTo(1);
        assertThat(buffer.oldestArrival()).hasValue(700);
        assertThat(keys()).containsExactly(2L);
        buffer.remove(buffer.entries());
        assertThat(buffer.oldestArrival()).isEmpty();
        assertThat(keys()).isEmpty();
    }

    @Test
    void aRestartedBufferReadsWhatTheStoreHoldsAndContinuesItsSequence() {
        BatchBuffer before = new BatchBuffer(store);
        before.add(frame(20), 100);
        before.add(frame(21), 200);
        before.remove(before.entries().subList(0, 1));

        BatchBuffer after = new BatchBuffer(store);

        assertThat(after.size()).isEqualTo(1);
        BatchBuffer.Entry restored = after.entries().get(0);
        assertThat(restored.frame())
                .as("decoded input is rebuilt from the original bytes")
                .isNull();
        assertThat(restored.original().offset()).isEqualTo(21);
        assertThat(restored.original().value()).isEqualTo(frame(21).original().value());
        assertThat(restored.arrivalMs()).isEqualTo(200);
        after.add(frame(22), 300);
        assertThat(keys()).containsExactly(1L, 2L);
    }

    private List<Long> keys() {
        List<Long> keys = new ArrayList<>();
        try (KeyValueIterator<Long, byte[]> it = store.all()) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        return keys;
    }

    private static PipelineInput.Frame frame(long offset) {
        OriginalRecord original = new OriginalRecord(
                "line.frames",
                0,
                offset,
                1_000 + offset,
                "cam-1".getBytes(),
                ("frame-" + offset).getBytes(),
                List.of());
        return new PipelineInput.Frame(original, null, null);
    }
}
