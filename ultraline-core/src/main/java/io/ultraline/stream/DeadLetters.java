package io.ultraline.stream;

import io.ultraline.avro.ModelStamp;
import io.ultraline.avro.RejectReason;
import io.ultraline.avro.RejectedFrame;
import io.ultraline.avro.SourceRef;
import io.ultraline.serde.SerdeException;
import io.ultraline.serde.SerdeReason;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * Builds {@code RejectedFrame} dead letters and classifies failures, for the exception handlers
 * and the processors alike, so that a dead letter looks the same whoever wrote it.
 */
final class DeadLetters {

    /** Messages are cut to this many characters; the cause's stack trace belongs in the log. */
    static final int MAX_MESSAGE = 2000;

    /** Ids (cameraId, frameId) in a dead letter are cut to this many characters. */
    static final int MAX_ID = 1024;

    /** Room kept for everything but the original key, value and headers (ids, message, stamps, framing). */
    static final int ENVELOPE_BYTES = 16 * 1024;

    private DeadLetters() {}

    /** A dead letter for an input record the pipeline read, of at most {@code maxBytes} on the wire. */
    static RejectedFrame of(
            OriginalRecord original,
            RejectReason reason,
            String message,
            String cameraId,
            String frameId,
            ModelStamp model,
            Long profileVersion,
            String pipelineVersion,
            long now,
            int maxBytes) {
        RejectedFrame.Builder b = RejectedFrame.newBuilder()
                .setReason(reason)
                .setMessage(cut(message))
                .setCameraId(id(cameraId != null ? cameraId : utf8OrNull(original.key())))
                .setFrameId(id(frameId))
                .setOriginalTimestamp(Instant.ofEpochMilli(original.timestamp()))
                .setRejectedTimestamp(Instant.ofEpochMilli(now))
                .setSource(original.sourceRef())
                .setModel(model)
                .setProfileVersion(profileVersion)
                .setPipelineVersion(pipelineVersion);
        return withOriginal(b, original.key(), original.value(), original.lastHeaderValues(), maxBytes)
                .build();
    }

    /** A dead letter for a record known only by its raw parts (the exception handlers' view). */
    static RejectedFrame of(
            SourceRef source,
            long timestamp,
            byte[] key,
            byte[] value,
            Map<String, ByteBuffer> headers,
            RejectReason reason,
            String message,
            String pipelineVersion,
            long now,
            int maxBytes) {
        RejectedFrame.Builder b = RejectedFrame.newBuilder()
                .setReason(reason)
                .setMessage(cut(message))
                .setCameraId(id(utf8OrNull(key)))
                .setFrameId(null)
                .setOriginalTimestamp(Instant.ofEpochMilli(timestamp))
                .setRejectedTimestamp(Instant.ofEpochMilli(now))
                .setSource(source)
                .setModel(null)
                .setProfileVersion(null)
                .setPipelineVersion(pipelineVersion);
        return withOriginal(b, key, value, headers, maxBytes).build();
    }

    /**
     * Sets the original key, value and headers, cut so that the dead letter stays under
     * {@code maxBytes}: the value keeps its first bytes, a key longer than {@link #maxKeyBytes} its
     * first bytes, and headers larger than a quarter of the budget are dropped. The whole value's
     * size and SHA-256 are always recorded, so a cut copy can still be matched to its source.
     */
    private static RejectedFrame.Builder withOriginal(
            RejectedFrame.Builder b, byte[] key, byte[] value, Map<String, ByteBuffer> headers, int maxBytes) {
        boolean truncated = false;
        byte[] k = key;
        int keyLimit = maxKeyBytes(maxBytes);
        if (k != null && k.length > keyLimit) {
            k = Arrays.copyOf(k, keyLimit);
            truncated = true;
        }
        long headerBytes = 0;
        for (Map.Entry<String, ByteBuffer> h : headers.entrySet()) {
            headerBytes += h.getKey().length() * 3L + h.getValue().remaining();
        }
        Map<String, ByteBuffer> hs = headers;
        if (headerBytes > maxBytes / 4) {
            hs = Map.of();
            headerBytes = 0;
            truncated = true;
        }
        // the key is written twice: as the record's key and inside the value
        long room = (long) maxBytes - ENVELOPE_BYTES - 2L * (k == null ? 0 : k.length) - headerBytes;
        byte[] v = value;
        if (v != null && v.length > room) {
            v = Arrays.copyOf(v, (int) Math.max(0, room));
            truncated = true;
        }
        return b.setOriginalKey(wrap(k))
                .setOriginalValue(wrap(v))
                .setOriginalHeaders(hs)
                .setOriginalValueSize(value == null ? null : (long) value.length)
                .setOriginalValueSha256(value == null ? null : sha256(value))
                .setOriginalTruncated(truncated);
    }

    /** Where a handler met a failure, for its log lines: node, task, topic-partition@offset. */
    static String where(ErrorHandlerContext context) {
        return "node " + context.processorNodeId() + ", task " + context.taskId() + ", " + context.topic() + "-"
                + context.partition() + "@" + context.offset();
    }

    /** The last value of each header, copied, for a dead letter's originalHeaders (null: none). */
    static Map<String, ByteBuffer> lastHeaderValues(Headers headers) {
        Map<String, ByteBuffer> out = new LinkedHashMap<>();
        if (headers != null) {
            for (Header h : headers) {
                out.put(
                        h.key(),
                        ByteBuffer.wrap(
                                h.value() == null ? new byte[0] : h.value().clone()));
            }
        }
        return out;
    }

    /** The key a dead letter is written under: the original key, cut as its copy in the value is. */
    static byte[] recordKey(RejectedFrame rejected) {
        ByteBuffer key = rejected.getOriginalKey();
        if (key == null) {
            return null;
        }
        byte[] out = new byte[key.remaining()];
        key.duplicate().get(out);
        return out;
    }

    /** Longest key kept whole: 16 KiB, or an eighth of a small budget. */
    static int maxKeyBytes(int maxBytes) {
        return Math.min(16 * 1024, maxBytes / 8);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Ids in a dead letter are cut like the message: an over-long id may be why the frame is here. */
    private static String id(String id) {
        return id == null || id.length() <= MAX_ID ? id : id.substring(0, MAX_ID - 3) + "...";
    }

    /**
     * The reason a failure is filed under: the {@link SerdeReason} mapping of the first
     * {@link SerdeException} in the cause chain, else DESERIALIZATION_FAILED.
     */
    static RejectReason deserializationReason(Throwable failure) {
        SerdeException serde = serdeCause(failure);
        return serde == null
                ? RejectReason.DESERIALIZATION_FAILED
                : serde.reason().rejectReason();
    }

    /**
     * Whether the failure is a schema registry outage. Such a record is never dead-lettered: the
     * registry will be back, and the record is good.
     */
    static boolean isRegistryOutage(Throwable failure) {
        SerdeException serde = serdeCause(failure);
        return serde != null && serde.reason() == SerdeReason.REGISTRY_UNAVAILABLE;
    }

    private static SerdeException serdeCause(Throwable failure) {
        return CauseChain.find(failure, SerdeException.class).orElse(null);
    }

    /** The key as text when it is valid UTF-8 (the camera id, by contract), else null. */
    static String utf8OrNull(byte[] key) {
        if (key == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(key))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    static String cut(String message) {
        String m = message == null ? "(no message)" : message;
        return m.length() <= MAX_MESSAGE ? m : m.substring(0, MAX_MESSAGE - 3) + "...";
    }

    private static ByteBuffer wrap(byte[] bytes) {
        return bytes == null ? null : ByteBuffer.wrap(bytes.clone());
    }
}
