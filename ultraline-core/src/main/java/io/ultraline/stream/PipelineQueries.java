package io.ultraline.stream;

import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.LineAlert;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Interactive queries on the topology's queryable stores of one running {@link KafkaStreams}
 * client: the latest verdict per camera and the open alerts per camera or line. Local reads only;
 * {@link #ownerOf} and {@link #otherInstances} say where the rest lives (the
 * {@code application.server} of each instance), so the caller can ask that instance.
 */
public final class PipelineQueries {

    private final KafkaStreams streams;
    private final HostInfo self;

    /**
     * @param streams the running client
     * @param self    this instance's {@code application.server}, {@link HostInfo#unavailable()} without one
     */
    public PipelineQueries(KafkaStreams streams, HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    /** The instance that holds a camera's (or line's) entries; empty while no metadata is known. */
    public Optional<HostInfo> ownerOf(String scopeId, String store) {
        KeyQueryMetadata m =
                streams.queryMetadataForKey(store, scopeId, Serdes.String().serializer());
        if (m == null || m == KeyQueryMetadata.NOT_AVAILABLE) {
            return Optional.empty();
        }
        return Optional.of(m.activeHost());
    }

    /** Every other instance of the application that has tasks, by its application.server. */
    public List<HostInfo> otherInstances() {
        List<HostInfo> out = new ArrayList<>();
        for (StreamsMetadata m : streams.metadataForAllStreamsClients()) {
            if (!isLocal(m.hostInfo())) {
                out.add(m.hostInfo());
            }
        }
        return out;
    }

    /** Whether {@code host} is this instance. */
    public boolean isLocal(HostInfo host) {
        return self.equals(host);
    }

    /** The latest verdict of a camera held by this instance. */
    public Optional<FrameVerdict> latestVerdict(String cameraId) {
        return Optional.ofNullable(store(NodeNames.LATEST_VERDICTS_STORE, FrameVerdict.class))
                .flatMap(s -> readNow(() -> s.get(cameraId)));
    }

    /** The latest verdicts of every camera held by this instance. */
    public List<FrameVerdict> localLatestVerdicts() {
        return all(store(NodeNames.LATEST_VERDICTS_STORE, FrameVerdict.class));
    }

    /**
     * The calibration running for a camera and product (null = any product) on this instance;
     * empty when none runs or the store is not queryable right now.
     */
    public Optional<CalibrationProgress> calibration(String cameraId, String productId) {
        String key = ProfileStore.key(cameraId, productId);
        return Optional.ofNullable(store(NodeNames.CALIBRATION_STORE, byte[].class))
                .flatMap(s -> readNow(() -> s.get(key)))
                .map(raw -> CalibrationStore.progressOf(key, raw));
    }

    /** The open alerts of a camera (camera rules) or a line (line rules) held by this instance. */
    public List<LineAlert> openAlerts(String scopeId) {
        List<LineAlert> out = new ArrayList<>();
        for (String name : List.of(NodeNames.OPEN_CAMERA_ALERTS_STORE, NodeNames.OPEN_LINE_ALERTS_STORE)) {
            ReadOnlyKeyValueStore<String, LineAlert> s = store(name, LineAlert.class);
            if (s != null) {
                try (KeyValueIterator<String, LineAlert> it = s.prefixScan(
                        scopeId + OpenAlertsProcessor.SEPARATOR, Serdes.String().serializer())) {
                    it.forEachRemaining(kv -> out.add(kv.value));
                } catch (InvalidStateStoreException e) {
                    // a rebalance began between finding the store and reading it: not queryable right now
                    return List.of();
                }
            }
        }
        return out;
    }

    /** Every open alert held by this instance. */
    public List<LineAlert> localOpenAlerts() {
        List<LineAlert> out = new ArrayList<>();
        out.addAll(all(store(NodeNames.OPEN_CAMERA_ALERTS_STORE, LineAlert.class)));
        out.addAll(all(store(NodeNames.OPEN_LINE_ALERTS_STORE, LineAlert.class)));
        return out;
    }

    private static <V> List<V> all(ReadOnlyKeyValueStore<String, V> store) {
        List<V> out = new ArrayList<>();
        if (store != null) {
            try (KeyValueIterator<String, V> it = store.all()) {
                while (it.hasNext()) {
                    KeyValue<String, V> kv = it.next();
                    out.add(kv.value);
                }
            } catch (InvalidStateStoreException e) {
                // a rebalance began between finding the store and reading it: not queryable right now
                return List.of();
            }
        }
        return out;
    }

    /** One read of a store; empty when it is missing or a rebalance began since the store was found. */
    private static <T> Optional<T> readNow(java.util.function.Supplier<T> read) {
        try {
            return Optional.ofNullable(read.get());
        } catch (InvalidStateStoreException e) {
            return Optional.empty();
        }
    }

    /** The store, or null when this instance has no such store or it is not queryable right now. */
    private <V> ReadOnlyKeyValueStore<String, V> store(String name, Class<V> type) {
        try {
            return streams.store(
                    StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
        } catch (InvalidStateStoreException e) {
            return null;
        }
    }
}
