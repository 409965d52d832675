package io.ultraline.app;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@link RecentFrames} to the cameras this instance still processes: when a rebalance ends
 * (the streams client goes from REBALANCING to RUNNING), the cameras whose frames partition is
 * no longer among this instance's active tasks are dropped, and with them their metric series.
 * The streams client's own metadata is the source, so no topology change is needed to learn of
 * revoked partitions.
 */
final class RecentFramesRebalance {

    private static final Logger LOG = LoggerFactory.getLogger(RecentFramesRebalance.class);

    private final String framesTopic;
    private final Supplier<? extends Collection<ThreadMetadata>> threads;
    private final RecentFrames recent;

    RecentFramesRebalance(
            String framesTopic, Supplier<? extends Collection<ThreadMetadata>> threads, RecentFrames recent) {
        this.framesTopic = framesTopic;
        this.threads = threads;
        this.recent = recent;
    }

    /** For the streams client's state listener. */
    void stateChanged(KafkaStreams.State now, KafkaStreams.State before) {
        if (now != KafkaStreams.State.RUNNING || before != KafkaStreams.State.REBALANCING) {
            return;
        }
        Set<Integer> owned = activePartitions(threads.get(), framesTopic);
        List<String> dropped = recent.retainPartitions(framesTopic, owned);
        if (!dropped.isEmpty()) {
            LOG.info(
                    "Rebalance: {} partitions {} now active here; the live view drops {} cameras of other partitions",
                    framesTopic,
                    owned,
                    dropped.size());
        }
    }

    /** The partitions of {@code topic} in the active (not standby) tasks of {@code threads}. */
    static Set<Integer> activePartitions(Collection<ThreadMetadata> threads, String topic) {
        Set<Integer> out = new TreeSet<>();
        for (ThreadMetadata thread : threads) {
            for (TaskMetadata task : thread.activeTasks()) {
                for (TopicPartition tp : task.topicPartitions()) {
                    if (tp.topic().equals(topic)) {
                        out.add(tp.partition());
                    }
                }
            }
        }
        return out;
    }
}
