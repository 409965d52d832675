package io.ultraline.model.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * SHA-256 of a set of named weight arrays in a canonical form: names in sorted order, each as
 * UTF-8 name, a zero byte, rank and dimensions (big-endian int64) and the float32 values
 * (little-endian). The same weights always give the same digest, whatever container held them.
 */
public final class WeightsDigest {

    private WeightsDigest() {}

    public static String of(Map<String, WeightTensor> weights) {
        MessageDigest sha = sha256();
        for (Map.Entry<String, WeightTensor> e : new TreeMap<>(weights).entrySet()) {
            sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            WeightTensor t = e.getValue();
            ByteBuffer header = ByteBuffer.allocate(8 + 8 * t.rank()).order(ByteOrder.BIG_ENDIAN);
            header.putLong(t.rank());
            for (long d : t.shape()) {
                header.putLong(d);
            }
            sha.update(header.array());
            ByteBuffer values = ByteBuffer.allocate(4 * t.data().length).order(ByteOrder.LITTLE_ENDIAN);
            values.asFloatBuffer().put(t.data());
            sha.update(values.array());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}
