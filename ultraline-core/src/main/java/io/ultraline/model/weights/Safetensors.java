package io.ultraline.model.weights;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes the .safetensors format: an 8-byte little-endian header length, a JSON header
 * (name to dtype, shape and byte offsets, plus optional string metadata) and the raw
 * little-endian data. F32, F16 and BF16 are read (and widened to float32); F32 is written.
 */
public final class Safetensors {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_HEADER = 100L * 1024 * 1024;

    /** Tensors by name plus the file's {@code __metadata__} strings. */
    public record Contents(Map<String, WeightTensor> tensors, Map<String, String> metadata) {}

    private Safetensors() {}

    public static Contents read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new IOException(file + " is too short to be a .safetensors file (" + size + " bytes)");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0);
            long headerLen = lenBuf.flip().getLong();
            if (headerLen <= 0 || headerLen > MAX_HEADER || 8 + headerLen > size) {
                throw new IOException(
                        file + " has an invalid header length " + headerLen + " (file size " + size + ")");
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLen);
            readFully(ch, header, 8);
            Map<String, Object> json = JSON.readValue(
                    new String(header.array(), StandardCharsets.UTF_8),
                    new TypeReference<LinkedHashMap<String, Object>>() {});
            long dataStart = 8 + headerLen;
            Map<String, String> metadata = new LinkedHashMap<>();
            Map<String, WeightTensor> tensors = new TreeMap<>();
            for (Map.Entry<String, Object> e : json.entrySet()) {
                if (e.getKey().equals("__metadata__")) {
                    if (e.getValue() instanceof Map<?, ?> m) {
                        m.forEach((k, v) -> metadata.put(String.valueOf(k), String.valueOf(v)));
                    }
                    continue;
                }
                tensors.put(e.getKey(), tensor(file, ch, e.getKey(), e.getValue(), dataStart, size));
            }
            return new Contents(tensors, metadata);
        }
    }

    private static WeightTensor tensor(Path file, FileChannel ch, String name, Object spec, long dataStart, long size)
            throws IOException {
        if (!(spec instanceof Map<?, ?> m)) {
            throw new IOException(file + ": entry '" + name + "' is not an object");
        }
        String dtype = String.valueOf(m.get("dtype"));
        List<?> shapeList = (List<?>) m.get("shape");
        List<?> offsets = (List<?>) m.get("data_offsets");
        if (shapeList == null || offsets == null || offsets.size() != 2) {
            throw new IOException(file + ": entry '" + name + "' lacks shape or data_offsets");
        }
        long[] shape =
                shapeList.stream().mapToLong(o -> ((Number) o).longValue()).toArray();
        long begin = ((Number) offsets.get(0)).longValue();
        long end = ((Number) offsets.get(1)).longValue();
        long count = 1;
        for (long d : shape) {
            count *= d;
        }
        int width = switch (dtype) {
            case "F32" -> 4;
            case "F16", "BF16" -> 2;
            default ->
                throw new IOException(
                        file + ": tensor '" + name + "' has dtype " + dtype + "; only F32, F16 and BF16 are supported");
        };
        if (end - begin != count * width || begin < 0 || dataStart + end > size) {
            throw new IOException(file + ": tensor '" + name + "' offsets [" + begin + ", " + end
                    + ") do not fit its shape " + java.util.Arrays.toString(shape) + " x " + dtype
                    + " or the file");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, buf, dataStart + begin);
        buf.flip();
        float[] data = new float[(int) count];
        for (int i = 0; i < data.length; i++) {
            data[i] = switch (dtype) {
                case "F32" -> buf.getFloat();
                case "F16" -> HalfFloats.fromHalf(buf.getShort());
                default -> Float.intBitsToFloat((buf.getShort() & 0xffff) << 16);
            };
        }
        return new WeightTensor(shape, data);
    }

    /** Writes F32 tensors (sorted by name) and string metadata. */
    public static void write(Path file, Map<String, WeightTensor> tensors, Map<String, String> metadata)
            throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        if (metadata != null && !metadata.isEmpty()) {
            header.put("__metadata__", metadata);
        }
        long offset = 0;
        Map<String, WeightTensor> sorted = new TreeMap<>(tensors);
        for (Map.Entry<String, WeightTensor> e : sorted.entrySet()) {
            long bytes = 4L * e.getValue().data().length;
            header.put(
                    e.getKey(),
                    Map.of(
                            "dtype",
                            "F32",
                            "shape",
                            e.getValue().shape(),
                            "data_offsets",
                            List.of(offset, offset + bytes)));
            offset += bytes;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        ByteBuffer out = ByteBuffer.allocate(8 + json.length + (int) offset).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(json.length).put(json);
        for (WeightTensor t : sorted.values()) {
            for (float v : t.data()) {
                out.putFloat(v);
            }
        }
        Files.write(file, out.array());
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("unexpected end of file at byte " + pos);
            }
            pos += n;
        }
    }
}
