package io.ultraline.serde;

import java.io.ByteArrayOutputStream;

/**
 * The Confluent wire format: byte 0 is the magic byte {@code 0}, bytes 1 to 4 the schema id as a
 * big-endian int, and the rest the Avro binary body written with that schema.
 */
public final class WireFormat {

    /** The only magic byte this format has. */
    public static final byte MAGIC_BYTE = 0;

    /** Length of magic byte plus schema id. */
    public static final int HEADER_LENGTH = 5;

    private WireFormat() {}

    /** The header and {@code body} as one payload. */
    public static byte[] encode(int schemaId, byte[] body) {
        byte[] payload = new byte[HEADER_LENGTH + body.length];
        payload[0] = MAGIC_BYTE;
        payload[1] = (byte) (schemaId >>> 24);
        payload[2] = (byte) (schemaId >>> 16);
        payload[3] = (byte) (schemaId >>> 8);
        payload[4] = (byte) schemaId;
        System.arraycopy(body, 0, payload, HEADER_LENGTH, body.length);
        return payload;
    }

    /** Writes the header for {@code schemaId}; the caller writes the body after it. */
    public static void writeHeader(ByteArrayOutputStream out, int schemaId) {
        out.write(MAGIC_BYTE);
        out.write(schemaId >>> 24);
        out.write(schemaId >>> 16);
        out.write(schemaId >>> 8);
        out.write(schemaId);
    }

    /**
     * Reads the header of a non-null payload.
     *
     * @param topic   named in the exception
     * @param payload the record value or key
     * @throws MissingMagicByteException  when the first byte is not {@code 0}
     * @throws TruncatedPayloadException  when the payload is shorter than the header
     */
    public static WirePayload decode(String topic, byte[] payload) {
        if (payload.length > 0 && payload[0] != MAGIC_BYTE) {
            throw new MissingMagicByteException(
                    topic,
                    null,
                    String.format(
                            "Payload of %d bytes starts with byte 0x%02x, not the magic byte 0: not Confluent wire format",
                            payload.length, payload[0] & 0xff),
                    null);
        }
        if (payload.length < HEADER_LENGTH) {
            throw new TruncatedPayloadException(
                    topic,
                    null,
                    "Payload of " + payload.length + " bytes is shorter than the " + HEADER_LENGTH
                            + "-byte wire format header",
                    null);
        }
        int schemaId = ((payload[1] & 0xff) << 24)
                | ((payload[2] & 0xff) << 16)
                | ((payload[3] & 0xff) << 8)
                | (payload[4] & 0xff);
        return new WirePayload(schemaId, payload);
    }
}
