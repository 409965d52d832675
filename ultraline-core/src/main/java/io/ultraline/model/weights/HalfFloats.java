package io.ultraline.model.weights;

/** IEEE 754 half precision to float (Java 17 has no Float.float16ToFloat). */
public final class HalfFloats {

    private HalfFloats() {}

    public static float fromHalf(short bits) {
        int h = bits & 0xffff;
        int sign = (h >>> 15) << 31;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            if (mant == 0) {
                return Float.intBitsToFloat(sign);
            }
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /**
     * Float to half for finite values in half's normal range (or zero), rounding to nearest; used
     * by tests to write F16 checkpoints. Out-of-range values are refused rather than saturated.
     */
    public static short toHalf(float f) {
        int sign = f < 0 || (f == 0 && 1 / f < 0) ? 0x8000 : 0;
        float a = Math.abs(f);
        if (a == 0) {
            return (short) sign;
        }
        int exp = Math.getExponent(a);
        if (exp < -14 || exp > 15) {
            throw new IllegalArgumentException(f + " is outside half precision's normal range");
        }
        int mant = Math.round((a / (float) Math.scalb(1.0, exp) - 1f) * 1024f);
        if (mant == 1024) {
            mant = 0;
            exp++;
        }
        return (short) (sign | ((exp + 15) << 10) | mant);
    }
}
