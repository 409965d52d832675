package io.ultraline.serde;

/**
 * A payload whose wire format header has been read.
 *
 * @param schemaId the writer schema's registry id
 * @param payload  the whole payload, header included; the body starts at
 *                 {@link WireFormat#HEADER_LENGTH}
 */
public record WirePayload(int schemaId, byte[] payload) {

    /** Offset of the Avro body in {@link #payload()}. */
    public int bodyOffset() {
        return WireFormat.HEADER_LENGTH;
    }

    /** Length of the Avro body. */
    public int bodyLength() {
        return payload.length - WireFormat.HEADER_LENGTH;
    }
}
