package io.ultraline.stream;

/**
 * The largest records the pipeline writes. Kafka rejects a record over its topic's
 * {@code max.message.bytes}, and under exactly_once_v2 such a rejection aborts the whole transaction,
 * so the same frame would fail again after every restart. The inference node therefore measures a
 * frame's outputs before it forwards any of them: a frame whose verdict, defects or explanation
 * would pass {@code maxRecordBytes} is dead-lettered as OUTPUT_TOO_LARGE instead. A dead letter
 * that would pass {@code maxDeadLetterBytes} keeps a prefix of the original value, with the whole
 * value's size and SHA-256.
 *
 * @param maxRecordBytes     largest serialized verdict, defect or explanation (value plus key), at most
 *                           the output topics' {@code max.message.bytes}, {@value #KEY_MAX_RECORD_BYTES}
 * @param maxDeadLetterBytes largest dead letter, at most line.frames.dlq's {@code max.message.bytes},
 *                           {@value #KEY_MAX_DEAD_LETTER_BYTES}
 */
public record OutputLimits(int maxRecordBytes, int maxDeadLetterBytes) {

    public static final String KEY_MAX_RECORD_BYTES = "outputs.max-record-bytes";
    public static final String KEY_MAX_DEAD_LETTER_BYTES = "dead-letters.max-record-bytes";

    /** Below this a dead letter cannot hold its own envelope. */
    static final int MIN_DEAD_LETTER_BYTES = 32 * 1024;

    public OutputLimits {
        if (maxRecordBytes < 1024) {
            throw new IllegalArgumentException(KEY_MAX_RECORD_BYTES + " must be at least 1024, got " + maxRecordBytes);
        }
        if (maxDeadLetterBytes < MIN_DEAD_LETTER_BYTES) {
            throw new IllegalArgumentException(KEY_MAX_DEAD_LETTER_BYTES + " must be at least " + MIN_DEAD_LETTER_BYTES
                    + ", got " + maxDeadLetterBytes);
        }
    }

    /**
     * 1,000,000 bytes for both, under Kafka's default 1 MiB topic limit with room for the batch
     * envelope, so that a cluster with default topics works; k8s/ raises line.frames.dlq to 8 MiB
     * plus 16 KiB and sets the dead letters' limit to match.
     */
    public static OutputLimits defaults() {
        return new OutputLimits(1_000_000, 1_000_000);
    }
}
