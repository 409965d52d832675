package io.ultraline.ultra.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TransformCodecTest {

    private static TokenTransform w() {
        float[] v = new float[3 * 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.sin(i + 0.5) * 1e3f;
        }
        return new TokenTransform(4, 3, v);
    }

    @Test
    void roundTripKeepsEveryBitAndTheLayoutIsAsDocumented() {
        byte[] data = TransformCodec.encode(w());
        ByteBuffer in = ByteBuffer.wrap(data);
        assertThat(Arrays.copyOf(data, 4)).containsExactly('U', 'L', 'T', 'W');
        assertThat(in.getInt(4)).isEqualTo(1);
        assertThat(in.getInt(8)).isEqualTo(3);
        assertThat(in.getInt(12)).isEqualTo(4);
        assertThat(data).hasSize(16 + 12 * 4 + 4);
        TokenTransform back = TransformCodec.decode(data);
        assertThat(back.outDim()).isEqualTo(3);
        assertThat(back.inDim()).isEqualTo(4);
        assertThat(back.weights()).containsExactly(w().weights());
    }

    @Test
    void damagedDataIsRefusedWithItsReason() {
        byte[] flipped = TransformCodec.encode(w());
        flipped[20] ^= 1;
        assertThatThrownBy(() -> TransformCodec.decode(flipped)).hasMessageContaining("checksum mismatch");
        byte[] cut = Arrays.copyOf(TransformCodec.encode(w()), 40);
        assertThatThrownBy(() -> TransformCodec.decode(cut)).hasMessageContaining("a 3 x 4 transform needs 68 bytes");
        byte[] magic = TransformCodec.encode(w());
        magic[0] = 'X';
        assertThatThrownBy(() -> TransformCodec.decode(magic)).hasMessageContaining("not an ultraline token transform");
        byte[] format = TransformCodec.encode(w());
        ByteBuffer.wrap(format).putInt(4, 2);
        assertThatThrownBy(() -> TransformCodec.decode(format)).hasMessageContaining("unsupported transform format 2");
    }
}
