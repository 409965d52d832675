package io.ultraline.serde;

import io.ultraline.avro.RejectReason;

/**
 * Machine-readable cause of a {@link SerdeException}, stable enough to count in metrics and to map
 * to a dead-letter reason.
 */
public enum SerdeReason {
    /** The payload does not start with the magic byte {@code 0}: not Confluent wire format. */
    MISSING_MAGIC_BYTE(RejectReason.DESERIALIZATION_FAILED),
    /** The payload is shorter than the 5-byte header, or the Avro body ends early. */
    TRUNCATED_PAYLOAD(RejectReason.DESERIALIZATION_FAILED),
    /** The Avro body does not decode with its writer schema, or bytes are left over after it. */
    CORRUPT_PAYLOAD(RejectReason.DESERIALIZATION_FAILED),
    /** The schema id in the header is not known to the registry. */
    UNKNOWN_SCHEMA_ID(RejectReason.UNKNOWN_SCHEMA),
    /** The writer schema is another record type than the target class, or does not resolve to it. */
    INCOMPATIBLE_RECORD_TYPE(RejectReason.DESERIALIZATION_FAILED),
    /** A record could not be encoded with its schema (for example a null in a non-null field). */
    ENCODING_FAILED(RejectReason.PROCESSING_FAILED),
    /** The registry answered 404: no such subject, version or schema. */
    SCHEMA_NOT_FOUND(RejectReason.UNKNOWN_SCHEMA),
    /** The registry refused a schema as incompatible with the subject (HTTP 409). */
    INCOMPATIBLE_SCHEMA(RejectReason.PROCESSING_FAILED),
    /** The registry refused a request with another 4xx status (auth, invalid schema, ...). */
    REGISTRY_REJECTED(RejectReason.PROCESSING_FAILED),
    /** The registry could not be reached, or kept failing, after the configured retries. */
    REGISTRY_UNAVAILABLE(RejectReason.REGISTRY_UNAVAILABLE);

    private final RejectReason rejectReason;

    SerdeReason(RejectReason rejectReason) {
        this.rejectReason = rejectReason;
    }

    /** The dead-letter reason code ({@code RejectedFrame.reason}) this failure is filed under. */
    public RejectReason rejectReason() {
        return rejectReason;
    }
}
