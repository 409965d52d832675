package io.ultraline.stream;

import io.ultraline.avro.ModelStamp;
import java.util.Objects;

/**
 * Which model produces the outputs: name, version and the SHA-256 of its weights, from the
 * model's manifest. Stamped on every output as {@code ModelStamp}.
 */
public record ModelIdentity(String name, String version, String digest) {

    public ModelIdentity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(digest, "digest");
    }

    /** A fresh Avro stamp (Avro records are mutable, so every output gets its own). */
    ModelStamp stamp() {
        return new ModelStamp(name, version, digest);
    }
}
