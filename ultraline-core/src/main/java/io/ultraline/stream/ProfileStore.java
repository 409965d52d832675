package io.ultraline.stream;

import io.ultraline.defect.ProfileCodec;
import io.ultraline.defect.ReferenceProfile;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference profiles of a task's cameras, in a persistent changelogged store: key
 * {@code cameraId} or {@code cameraId/productId}, value = version, the digest of the model whose
 * tokens the bank holds, and the {@link ProfileCodec} bytes (absent after a RESET, so that versions
 * keep increasing). Decoded profiles are cached in memory by key and version.
 */
final class ProfileStore {

    private static final Logger LOG = LoggerFactory.getLogger(ProfileStore.class);
    private static final int FORMAT = 1;

    /** A profile in use. */
    record Active(String key, long version, ReferenceProfile profile) {}

    private record Stored(long version, String modelDigest, byte[] profile) {}

    private final KeyValueStore<String, byte[]> store;
    private final String modelDigest;
    private final Map<String, Active> cache = new HashMap<>();
    private final Set<String> warnedModel = new HashSet<>();

    ProfileStore(KeyValueStore<String, byte[]> store, String modelDigest) {
        this.store = store;
        this.modelDigest = modelDigest;
    }

    /** The key of a camera's profile for one product, or for any product when {@code productId} is null. */
    static String key(String cameraId, String productId) {
        return productId == null ? cameraId : cameraId + "/" + productId;
    }

    /**
     * The profile a frame is scored against: the camera's profile for the frame's product if there is
     * one, else the camera's profile for any product. A profile of another model does not count.
     */
    Optional<Active> find(String cameraId, String productId) {
        if (productId != null) {
            Optional<Active> specific = get(key(cameraId, productId));
            if (specific.isPresent()) {
                return specific;
            }
        }
        return get(key(cameraId, null));
    }

    Optional<Active> get(String key) {
        byte[] raw = store.get(key);
        if (raw == null) {
            return Optional.empty();
        }
        Stored stored = decode(raw);
        if (stored.profile() == null) {
            return Optional.empty();
        }
        if (!stored.modelDigest().equals(modelDigest)) {
            if (warnedModel.add(key + "@" + stored.version())) {
                LOG.warn(
                        "Profile {} version {} holds tokens of model {}, not of the loaded model {}: frames are "
                                + "UNCALIBRATED until the camera is calibrated again",
                        key,
                        stored.version(),
                        stored.modelDigest(),
                        modelDigest);
            }
            return Optional.empty();
        }
        Active cached = cache.get(key);
        if (cached != null && cached.version() == stored.version()) {
            return Optional.of(cached);
        }
        Active active = new Active(key, stored.version(), ProfileCodec.decode(stored.profile()));
        cache.put(key, active);
        return Optional.of(active);
    }

    /** The version the next profile under {@code key} gets: one more than any before, deleted ones included. */
    long nextVersion(String key) {
        byte[] raw = store.get(key);
        return raw == null ? 1 : decode(raw).version() + 1;
    }

    /** Stores {@code profile} (whose version must come from {@link #nextVersion}). */
    void put(String key, ReferenceProfile profile) {
        store.put(key, encode(new Stored(profile.version(), modelDigest, ProfileCodec.encode(profile))));
        cache.put(key, new Active(key, profile.version(), profile));
    }

    /** Deletes the profile under {@code key}, keeping its version number; whether there was one. */
    boolean delete(String key) {
        byte[] raw = store.get(key);
        cache.remove(key);
        if (raw == null) {
            return false;
        }
        Stored stored = decode(raw);
        store.put(key, encode(new Stored(stored.version(), stored.modelDigest(), null)));
        return stored.profile() != null;
    }

    private static byte[] encode(Stored s) {
        return new Codec.Writer(FORMAT)
                .i64(s.version())
                .string(s.modelDigest())
                .bytes(s.profile())
                .toByteArray();
    }

    private static Stored decode(byte[] data) {
        Codec.Reader r = new Codec.Reader(data, "profile store entry", FORMAT);
        return new Stored(r.i64(), r.string(), r.bytes());
    }
}
