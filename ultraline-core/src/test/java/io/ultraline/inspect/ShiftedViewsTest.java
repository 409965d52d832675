package io.ultraline.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShiftedViewsTest {

    @Test
    void viewsMoveTheContentByAFractionOfAPatchAndMirrorTheEdge() {
        int size = 8;
        float[] px = new float[size * size * 3];
        for (int i = 0; i < size * size; i++) {
            px[3 * i] = i; // red = pixel index
        }
        float[] out = new float[4 * px.length];
        ShiftedViews.write(px, 0, size, 4, 2, 0, out, 0);
        int per = px.length;
        assertThat(java.util.Arrays.copyOf(out, per)).containsExactly(px);
        // view 1: right by 2 pixels; pixel (x=5, y=3) shows the original (3, 3); (0, 3) mirrors (1, 3)
        assertThat(out[per + 3 * (3 * size + 5)]).isEqualTo(3 * size + 3);
        assertThat(out[per + 3 * (3 * size + 0)]).isEqualTo(3 * size + 1);
        // view 2: down by 2; view 3: both
        assertThat(out[2 * per + 3 * (6 * size + 1)]).isEqualTo(4 * size + 1);
        assertThat(out[3 * per + 3 * (6 * size + 6)]).isEqualTo(4 * size + 4);
        // skipping the plain view, from the second frame of a stacked input
        float[] two = new float[2 * per];
        System.arraycopy(px, 0, two, per, per);
        float[] rest = new float[3 * per];
        ShiftedViews.write(two, per, size, 4, 2, 1, rest, 0);
        assertThat(rest).containsExactly(java.util.Arrays.copyOfRange(out, per, 4 * per));
    }
}
