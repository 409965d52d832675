package io.ultraline.audit;

import io.ultraline.defect.ProfileCodec;
import io.ultraline.defect.ReferenceProfile;
import io.ultraline.stream.FrameReplay;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The versioned profile snapshots read from line.profiles, found again by the profile version a
 * verdict names. The processor scores a frame with its camera's per-product profile when one exists,
 * else the camera's own, and a verdict records only the version: the per-product snapshot of that
 * version is tried first, as the processor would have.
 */
final class ProfileSnapshots {

    /** A snapshot: the decoded profile and the digest of the model whose tokens it holds. */
    record Snapshot(ReferenceProfile profile, String modelDigest) {}

    private final Map<String, io.ultraline.avro.ReferenceProfile> byKeyAndVersion = new HashMap<>();
    private final Map<String, Snapshot> decoded = new HashMap<>();

    void add(io.ultraline.avro.ReferenceProfile snapshot) {
        String key = FrameReplay.profileKey(snapshot.getCameraId(), snapshot.getProductId());
        byKeyAndVersion.put(key + "#" + snapshot.getVersion(), snapshot);
    }

    int size() {
        return byKeyAndVersion.size();
    }

    /** Every snapshot read, in no particular order. */
    java.util.Collection<io.ultraline.avro.ReferenceProfile> all() {
        return byKeyAndVersion.values();
    }

    /** The recorded snapshot under a profile key and version, if it was read. */
    Optional<io.ultraline.avro.ReferenceProfile> raw(String key, long version) {
        return Optional.ofNullable(byKeyAndVersion.get(key + "#" + version));
    }

    /** Where the frames taught as normal (NORMAL_EXAMPLE versions) sit on line.frames, as Recorded keys. */
    java.util.Set<String> normalExampleSources() {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (io.ultraline.avro.ReferenceProfile p : byKeyAndVersion.values()) {
            if (p.getChange() == io.ultraline.avro.ProfileChange.NORMAL_EXAMPLE && p.getSource() != null) {
                out.add(Recorded.key(p.getSource()));
            }
        }
        return out;
    }

    /** The snapshot a verdict of this camera, product and profile version was scored against. */
    Optional<Snapshot> find(String cameraId, String productId, long version) {
        if (productId != null) {
            Optional<Snapshot> specific = get(FrameReplay.profileKey(cameraId, productId), version);
            if (specific.isPresent()) {
                return specific;
            }
        }
        return get(FrameReplay.profileKey(cameraId, null), version);
    }

    private Optional<Snapshot> get(String key, long version) {
        String k = key + "#" + version;
        io.ultraline.avro.ReferenceProfile raw = byKeyAndVersion.get(k);
        if (raw == null) {
            return Optional.empty();
        }
        return Optional.of(decoded.computeIfAbsent(k, x -> {
            ByteBuffer b = raw.getBank().duplicate();
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            return new Snapshot(ProfileCodec.decode(bytes), raw.getModel().getDigest());
        }));
    }
}
