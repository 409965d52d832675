package io.ultraline.frame;

/** Big-endian reads and suffix tests on byte arrays, for the container walkers. */
final class Bytes {

    private Bytes() {}

    static int u8(byte[] b, int at) {
        return b[at] & 0xff;
    }

    static int u16(byte[] b, int at) {
        return (u8(b, at) << 8) | u8(b, at + 1);
    }

    static long u32(byte[] b, int at) {
        return ((long) u16(b, at) << 16) | u16(b, at + 2);
    }

    static boolean endsWith(byte[] b, byte[] suffix) {
        if (b.length < suffix.length) {
            return false;
        }
        int offset = b.length - suffix.length;
        for (int i = 0; i < suffix.length; i++) {
            if (b[offset + i] != suffix[i]) {
                return false;
            }
        }
        return true;
    }
}
