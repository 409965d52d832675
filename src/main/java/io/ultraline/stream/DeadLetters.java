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
import java.time.Instant;
import java.util.Map;

/**
 * Builds {@code RejectedFrame} dead letters and classifies failures, for the exception handlers
 * and the processors alike, so that a dead letter looks the same whoever wrote it.
 */
final class DeadLetters {

    /** Messages are cut to this many characters; the cause's stack trace belongs in the log. */
    static final int MAX_MESSAGE = 2000;

    private DeadLetters() {
    }

    /** A dead letter for an input record the pipeline read. */
    static RejectedFrame of(OriginalRecord original, RejectReason reason, String message, String cameraId,
            String frameId, ModelStamp model, Long profileVersion, String pipelineVersion, long now) {
        return RejectedFrame.newBuilder()
                .setReason(reason)
                .setMessage(cut(message))
                .setCameraId(cameraId != null ? cameraId : utf8OrNull(original.key()))
                .setFrameId(frameId)
                .setOriginalKey(wrap(original.key()))
                .setOriginalValue(wrap(original.value()))
                .setOriginalHeaders(original.lastHeaderValues())
                .setOriginalTimestamp(Instant.ofEpochMilli(original.timestamp()))
                .setRejectedTimestamp(Instant.ofEpochMilli(now))
                .setSource(original.sourceRef())
                .setModel(model)
                .setProfileVersion(profileVersion)
                .setPipelineVersion(pipelineVersion)
                .build();
    }

    /** A dead letter for a record known only by its raw parts (the exception handlers' view). */
    static RejectedFrame of(SourceRef source, long timestamp, byte[] key, byte[] value, Map<String, ByteBuffer> headers,
            RejectReason reason, String message, String pipelineVersion, long now) {
        return RejectedFrame.newBuilder()
                .setReason(reason)
                .setMessage(cut(message))
                .setCameraId(utf8OrNull(key))
                .setFrameId(null)
                .setOriginalKey(wrap(key))
                .setOriginalValue(wrap(value))
                .setOriginalHeaders(headers)
                .setOriginalTimestamp(Instant.ofEpochMilli(timestamp))
                .setRejectedTimestamp(Instant.ofEpochMilli(now))
                .setSource(source)
                .setModel(null)
                .setProfileVersion(null)
                .setPipelineVersion(pipelineVersion)
                .build();
    }

    /**
     * The reason a failure is filed under: the {@link SerdeReason} mapping of the first
     * {@link SerdeException} in the cause chain, else DESERIALIZATION_FAILED.
     */
    static RejectReason deserializationReason(Throwable failure) {
        SerdeException serde = serdeCause(failure);
        return serde == null ? RejectReason.DESERIALIZATION_FAILED : serde.reason().rejectReason();
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
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SerdeException s) {
                return s;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** The key as text when it is valid UTF-8 (the camera id, by contract), else null. */
    static String utf8OrNull(byte[] key) {
        if (key == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(key)).toString();
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
