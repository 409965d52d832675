package io.ultraline.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class WireFormatTest {

    @Test
    void encodesMagicByteThenBigEndianIdThenBody() {
        byte[] payload = WireFormat.encode(0x01020304, new byte[] {9, 8, 7});

        assertThat(payload).containsExactly(0, 1, 2, 3, 4, 9, 8, 7);
    }

    @Test
    void headerWriterMatchesEncode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WireFormat.writeHeader(out, 0x7fff_fffe);

        assertThat(out.toByteArray()).containsExactly(WireFormat.encode(0x7fff_fffe, new byte[0]));
    }

    @Test
    void decodesIdAndBodyBounds() {
        WirePayload decoded = WireFormat.decode("t", WireFormat.encode(0xCAFE_BABE, new byte[] {5, 6}));

        assertThat(decoded.schemaId()).isEqualTo(0xCAFE_BABE);
        assertThat(decoded.bodyOffset()).isEqualTo(5);
        assertThat(decoded.bodyLength()).isEqualTo(2);
    }

    @Test
    void headerOnlyPayloadHasEmptyBody() {
        assertThat(WireFormat.decode("t", new byte[] {0, 0, 0, 0, 1}).bodyLength())
                .isZero();
    }

    @Test
    void otherFirstByteIsMissingMagicByte() {
        assertThatThrownBy(() -> WireFormat.decode("line.frames", new byte[] {'{', '"', 'a', '"', ':', '1', '}'}))
                .isInstanceOf(MissingMagicByteException.class)
                .hasMessageContaining("0x7b")
                .hasMessageContaining("topic=line.frames")
                .hasMessageContaining("reason=MISSING_MAGIC_BYTE");
    }

    @Test
    void shortOrEmptyPayloadIsTruncated() {
        assertThatThrownBy(() -> WireFormat.decode("line.frames", new byte[] {0, 0, 1}))
                .isInstanceOf(TruncatedPayloadException.class)
                .hasMessageContaining("3 bytes")
                .hasMessageContaining("topic=line.frames");
        assertThatThrownBy(() -> WireFormat.decode("line.frames", new byte[0]))
                .isInstanceOf(TruncatedPayloadException.class)
                .hasMessageContaining("0 bytes");
    }
}
