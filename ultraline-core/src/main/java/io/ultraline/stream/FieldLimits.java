package io.ultraline.stream;

import io.ultraline.avro.CameraFrame;
import java.util.Map;

/**
 * Bounds on a frame's identifiers and attributes, checked before the image is decoded. Every output
 * of a frame repeats its ids and attributes, so an unbounded id (a 2,000,000-character frameId
 * fits in an 8 MiB record) would make its verdict larger than line.verdicts accepts; a frame past
 * these bounds is dead-lettered as INVALID_FIELD instead. Lengths count UTF-16 chars.
 *
 * @param maxIdLength             longest cameraId, frameId, lineId or productId, {@value #KEY_MAX_ID_LENGTH}
 * @param maxAttributes           most attribute entries, {@value #KEY_MAX_ATTRIBUTES}
 * @param maxAttributeKeyLength   longest attribute name, {@value #KEY_MAX_ATTRIBUTE_KEY_LENGTH}
 * @param maxAttributeValueLength longest attribute value, {@value #KEY_MAX_ATTRIBUTE_VALUE_LENGTH}
 */
public record FieldLimits(int maxIdLength, int maxAttributes, int maxAttributeKeyLength, int maxAttributeValueLength) {

    public static final String KEY_MAX_ID_LENGTH = "frames.max-id-length";
    public static final String KEY_MAX_ATTRIBUTES = "frames.max-attributes";
    public static final String KEY_MAX_ATTRIBUTE_KEY_LENGTH = "frames.max-attribute-key-length";
    public static final String KEY_MAX_ATTRIBUTE_VALUE_LENGTH = "frames.max-attribute-value-length";

    /** No bound may exceed this: ids and attributes travel in every output record. */
    static final int MAX_BOUND = 1 << 22;

    public FieldLimits {
        positive(KEY_MAX_ID_LENGTH, maxIdLength);
        if (maxAttributes < 0 || maxAttributes > MAX_BOUND) {
            throw new IllegalArgumentException(
                    KEY_MAX_ATTRIBUTES + " must be between 0 and " + MAX_BOUND + ", got " + maxAttributes);
        }
        positive(KEY_MAX_ATTRIBUTE_KEY_LENGTH, maxAttributeKeyLength);
        positive(KEY_MAX_ATTRIBUTE_VALUE_LENGTH, maxAttributeValueLength);
    }

    /** Ids of 256 chars, 64 attributes with names of 128 and values of 1024 chars: about 80 KB at most. */
    public static FieldLimits defaults() {
        return new FieldLimits(256, 64, 128, 1024);
    }

    /** Why the frame's fields break these bounds, or null when they keep them. */
    public String violation(CameraFrame frame) {
        String id = tooLong("cameraId", frame.getCameraId());
        id = id != null ? id : tooLong("frameId", frame.getFrameId());
        id = id != null ? id : tooLong("lineId", frame.getLineId());
        id = id != null ? id : tooLong("productId", frame.getProductId());
        if (id != null) {
            return id;
        }
        Map<String, String> attributes = frame.getAttributes();
        if (attributes == null) {
            return null;
        }
        if (attributes.size() > maxAttributes) {
            return "attributes has " + attributes.size() + " entries, more than " + KEY_MAX_ATTRIBUTES + " ("
                    + maxAttributes + ")";
        }
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            String key = e.getKey() == null ? "" : e.getKey();
            if (key.length() > maxAttributeKeyLength) {
                return "an attribute name of " + key.length() + " chars (starting '" + start(key) + "') exceeds "
                        + KEY_MAX_ATTRIBUTE_KEY_LENGTH + " (" + maxAttributeKeyLength + ")";
            }
            String value = e.getValue();
            if (value != null && value.length() > maxAttributeValueLength) {
                return "attribute '" + start(key) + "' has a value of " + value.length() + " chars, more than "
                        + KEY_MAX_ATTRIBUTE_VALUE_LENGTH + " (" + maxAttributeValueLength + ")";
            }
        }
        return null;
    }

    private String tooLong(String field, String value) {
        if (value == null || value.length() <= maxIdLength) {
            return null;
        }
        return field + " has " + value.length() + " chars (starting '" + start(value) + "'), more than "
                + KEY_MAX_ID_LENGTH + " (" + maxIdLength + ")";
    }

    /** The first chars of an over-long value, enough to find it, never the whole of it. */
    static String start(String value) {
        return value.length() <= 32 ? value : value.substring(0, 32) + "...";
    }

    private static void positive(String key, int value) {
        if (value < 1 || value > MAX_BOUND) {
            throw new IllegalArgumentException(key + " must be between 1 and " + MAX_BOUND + ", got " + value);
        }
    }
}
