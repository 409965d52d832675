package io.ultraline.app;

import static io.ultraline.app.LiveRecords.FRAMES_TOPIC;
import static io.ultraline.app.LiveRecords.frame;
import static io.ultraline.app.LiveRecords.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.Test;

class RecentFramesRebalanceTest {

    /** Thread metadata as the streams client reports it, with only the methods the watcher reads. */
    private static ThreadMetadata thread(List<TaskMetadata> active, List<TaskMetadata> standby) {
        Map<String, Object> answers = Map.of("activeTasks", Set.copyOf(active), "standbyTasks", Set.copyOf(standby));
        return (ThreadMetadata) Proxy.newProxyInstance(
                ThreadMetadata.class.getClassLoader(),
                new Class<?>[] {ThreadMetadata.class},
                (proxy, method, args) -> answers.get(method.getName()));
    }

    private static TaskMetadata task(TopicPartition... partitions) {
        Set<TopicPartition> set = Set.of(partitions);
        return (TaskMetadata) Proxy.newProxyInstance(
                TaskMetadata.class.getClassLoader(),
                new Class<?>[] {TaskMetadata.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "topicPartitions" -> set;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }

    private static TopicPartition frames(int partition) {
        return new TopicPartition(FRAMES_TOPIC, partition);
    }

    @Test
    void activePartitionsOfTheFramesTopicOnlyNotStandbysNorOtherTopics() {
        List<ThreadMetadata> threads = List.of(
                thread(
                        List.of(task(frames(0), new TopicPartition("line.calibration", 0)), task(frames(3))),
                        List.of(task(frames(1)))),
                thread(List.of(task(frames(4))), List.of()));
        assertThat(RecentFramesRebalance.activePartitions(threads, FRAMES_TOPIC))
                .containsExactly(0, 3, 4);
    }

    @Test
    void whenARebalanceEndsTheCamerasOfRevokedPartitionsGo() {
        RecentFrames recent = new RecentFrames();
        List<String> evicted = new ArrayList<>();
        recent.onCameraEvicted(evicted::add);
        for (int p = 0; p < 4; p++) {
            recent.frameAccepted(frame("cam-" + p, "f", 10));
            recent.verdict(verdict("cam-" + p, "f", 0.1f, p));
        }
        List<List<ThreadMetadata>> assignment = new ArrayList<>(List.of(List.of(
                thread(List.of(task(frames(0)), task(frames(1)), task(frames(2)), task(frames(3))), List.of()))));
        RecentFramesRebalance rebalance = new RecentFramesRebalance(FRAMES_TOPIC, () -> assignment.get(0), recent);
        rebalance.stateChanged(State.RUNNING, State.REBALANCING);
        assertThat(recent.cameras()).hasSize(4);

        // a second instance joins and takes partitions 2 and 3
        assignment.set(0, List.of(thread(List.of(task(frames(0)), task(frames(1))), List.of(task(frames(2))))));
        rebalance.stateChanged(State.REBALANCING, State.RUNNING);
        assertThat(recent.cameras())
                .as("nothing happens until the rebalance ends")
                .hasSize(4);
        rebalance.stateChanged(State.RUNNING, State.REBALANCING);
        assertThat(recent.cameras()).containsExactlyInAnyOrder("cam-0", "cam-1");
        assertThat(evicted).containsExactlyInAnyOrder("cam-2", "cam-3");
    }
}
