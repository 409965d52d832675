package io.ultraline.app;

import io.ultraline.avro.Heatmap;
import io.ultraline.defect.QuantisedHeatmap;
import java.nio.ByteBuffer;

/** Values of the quantised maps in explanation records, by {@link QuantisedHeatmap}'s own rule. */
final class AvroHeatmaps {

    private AvroHeatmaps() {}

    /** Every cell's value, row-major. */
    static float[] values(Heatmap h) {
        ByteBuffer b = h.getValues().duplicate();
        byte[] q = new byte[b.remaining()];
        b.get(q);
        return new QuantisedHeatmap(h.getGridHeight(), h.getGridWidth(), h.getMin(), h.getMax(), q).dequantise();
    }
}
