package io.ultraline.loadtest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Utils;

/**
 * Camera ids that Kafka's default partitioner spreads evenly over the partitions (murmur2 of the
 * key, as the producer computes it), so that every instance gets its share of the load: with
 * plain {@code cam-0 .. cam-N} a few partitions can take two cameras and others none.
 */
final class CameraIds {

    private CameraIds() {}

    /** The partition the default partitioner picks for a string key. */
    static int partition(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** {@code cameras} ids of the form {@code cam-K}, at most ceil(cameras / partitions) per partition. */
    static List<String> balanced(int cameras, int partitions) {
        int perPartition = (cameras + partitions - 1) / partitions;
        int[] taken = new int[partitions];
        List<String> ids = new ArrayList<>();
        for (int k = 0; ids.size() < cameras; k++) {
            String id = "cam-" + k;
            int p = partition(id, partitions);
            if (taken[p] < perPartition) {
                taken[p]++;
                ids.add(id);
            }
        }
        return ids;
    }
}
