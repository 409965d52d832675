package io.ultraline.stream;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Which model batch a verdict came from, carried in the verdict record's header
 * {@value #HEADER} as ASCII {@code <firstOffset>:<size>}: the batch held {@code size} validated frames
 * of the verdict's source partition, the first at {@code firstOffset}. A frame's floats depend (in
 * their last bits) on the frames that share its batch, so an audit needs this to replay a frame
 * with the same companions and reproduce its verdict bit for bit.
 *
 * @param firstOffset source offset of the batch's first frame
 * @param size        frames in the batch
 */
public record BatchTag(long firstOffset, int size) {

    /** The header name on line.verdicts records. */
    public static final String HEADER = "ultraline.batch";

    public BatchTag {
        if (firstOffset < 0 || size < 1) {
            throw new IllegalArgumentException(
                    "a batch starts at an offset >= 0 and holds at least one frame, got " + firstOffset + ":" + size);
        }
    }

    /** The tag in a record's headers (the last one, if several); empty when absent or malformed. */
    public static Optional<BatchTag> from(Headers headers) {
        Header h = headers == null ? null : headers.lastHeader(HEADER);
        if (h == null || h.value() == null) {
            return Optional.empty();
        }
        String text = new String(h.value(), StandardCharsets.US_ASCII);
        int colon = text.indexOf(':');
        try {
            return Optional.of(new BatchTag(
                    Long.parseLong(text.substring(0, colon)), Integer.parseInt(text.substring(colon + 1))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The header value. */
    public byte[] bytes() {
        return (firstOffset + ":" + size).getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code record} with this tag added to its headers. */
    <K, V> Record<K, V> stamp(Record<K, V> record) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(HEADER, bytes());
        return record.withHeaders(headers);
    }
}
