package io.ultraline.stream;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Length-prefixed binary writing and reading for the values of this package's state stores. Each
 * store value starts with a format byte of its own, so a later format can still read the old one
 * from a changelog. Big-endian throughout.
 */
final class Codec {

    private Codec() {}

    /** Writes one value. */
    static final class Writer {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final DataOutputStream out = new DataOutputStream(bytes);

        Writer(int format) {
            i8(format);
        }

        Writer i8(int v) {
            try {
                out.writeByte(v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Writer i32(int v) {
            try {
                out.writeInt(v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Writer i64(long v) {
            try {
                out.writeLong(v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Writer bool(boolean v) {
            return i8(v ? 1 : 0);
        }

        /** -1 for null, else the length and the bytes. */
        Writer bytes(byte[] v) {
            if (v == null) {
                return i32(-1);
            }
            i32(v.length);
            try {
                out.write(v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Writer string(String v) {
            return bytes(v == null ? null : v.getBytes(StandardCharsets.UTF_8));
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }

    /** Reads one value; every read fails with {@link IllegalStateException} on corrupt data. */
    static final class Reader {
        private final DataInputStream in;
        private final String what;

        Reader(byte[] data, String what, int expectedFormat) {
            this.in = new DataInputStream(new java.io.ByteArrayInputStream(data));
            this.what = what;
            int format = i8();
            if (format != expectedFormat) {
                throw new IllegalStateException(
                        what + ": unknown store format " + format + ", this build reads " + expectedFormat);
            }
        }

        int i8() {
            try {
                return in.readUnsignedByte();
            } catch (IOException e) {
                throw corrupt(e);
            }
        }

        int i32() {
            try {
                return in.readInt();
            } catch (IOException e) {
                throw corrupt(e);
            }
        }

        long i64() {
            try {
                return in.readLong();
            } catch (IOException e) {
                throw corrupt(e);
            }
        }

        boolean bool() {
            return i8() != 0;
        }

        byte[] bytes() {
            int length = i32();
            if (length == -1) {
                return null;
            }
            try {
                if (length < 0 || length > in.available()) {
                    throw new EOFException("length " + length + " with " + in.available() + " bytes left");
                }
                byte[] v = new byte[length];
                in.readFully(v);
                return v;
            } catch (IOException e) {
                throw corrupt(e);
            }
        }

        String string() {
            byte[] b = bytes();
            return b == null ? null : new String(b, StandardCharsets.UTF_8);
        }

        private IllegalStateException corrupt(IOException e) {
            return new IllegalStateException(what + ": corrupt store value (" + e.getMessage() + ")", e);
        }
    }
}
