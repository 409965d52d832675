package io.ultraline.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * A generated record as JSON in the shape the Node avsc library gives it (and takes it) without
 * logical-type support: timestamps as epoch-millisecond numbers, enums as their symbols, unions
 * of null and one type unwrapped, bytes as base64 (the interop script prints Buffers so). This is
 * not Avro's JSON encoding, which wraps union values.
 */
final class AvscJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Numbers compare by value (JavaScript prints 3.0 as 3); everything else structurally. */
    static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return Double.compare(a.doubleValue(), b.doubleValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private AvscJson() {}

    static JsonNode of(IndexedRecord record) {
        return of(record, record.getSchema());
    }

    private static JsonNode of(Object value, Schema schema) {
        if (value == null) {
            return NODES.nullNode();
        }
        return switch (schema.getType()) {
            case RECORD -> {
                IndexedRecord record = (IndexedRecord) value;
                ObjectNode object = NODES.objectNode();
                for (Schema.Field field : schema.getFields()) {
                    object.set(field.name(), of(record.get(field.pos()), field.schema()));
                }
                yield object;
            }
            case UNION -> of(value, nonNullBranch(schema));
            case ENUM -> NODES.textNode(value.toString());
            case STRING -> NODES.textNode(value.toString());
            case BYTES -> NODES.textNode(Base64.getEncoder().encodeToString(bytes((ByteBuffer) value)));
            case INT -> NODES.numberNode((Integer) value);
            case LONG ->
                NODES.numberNode(
                        value instanceof Instant instant ? instant.toEpochMilli() : ((Long) value).longValue());
            case FLOAT -> NODES.numberNode((double) (Float) value);
            case DOUBLE -> NODES.numberNode((Double) value);
            case BOOLEAN -> NODES.booleanNode((Boolean) value);
            case ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                ((List<?>) value).forEach(item -> array.add(of(item, schema.getElementType())));
                yield array;
            }
            case MAP -> {
                ObjectNode object = NODES.objectNode();
                ((Map<?, ?>) value).forEach((k, v) -> object.set(k.toString(), of(v, schema.getValueType())));
                yield object;
            }
            default -> throw new IllegalArgumentException("no avsc shape for " + schema.getType());
        };
    }

    private static Schema nonNullBranch(Schema union) {
        List<Schema> branches = union.getTypes().stream()
                .filter(s -> s.getType() != Schema.Type.NULL)
                .toList();
        if (branches.size() != 1) {
            // avsc wraps such unions ({"type": value}); the contracts have none
            throw new IllegalArgumentException("only [null, T] unions are unwrapped: " + union);
        }
        return branches.get(0);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
