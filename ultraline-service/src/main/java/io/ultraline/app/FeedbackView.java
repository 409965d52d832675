package io.ultraline.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.ultraline.avro.OperatorFeedback;
import io.ultraline.stream.CommittedReads;
import io.ultraline.stream.Topic;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's view of line.feedback: a thread reads the whole topic from its beginning into a
 * {@link FeedbackLedger} and follows it. Every instance reads every partition (no group, no
 * commits), so each answers for all cameras and each gauge is the line's. A record that does not
 * deserialize is logged and skipped: feedback is advisory, it must not stop the view.
 */
@Context
final class FeedbackView implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FeedbackView.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final FeedbackLedger ledger;
    private final KafkaConsumer<String, OperatorFeedback> consumer;
    private final Thread thread;
    private volatile boolean stopping;

    FeedbackView(ServiceSettings settings, PipelineService pipeline, MeterRegistry registry) {
        this.ledger = new FeedbackLedger(registry);
        Topic<String, OperatorFeedback> topic = pipeline.topics().feedback();
        Map<String, Object> config = CommittedReads.consumerConfig(settings.sideClientConfig());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "ultraline-feedback-view");
        consumer = new KafkaConsumer<>(
                config, topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        thread = new Thread(() -> follow(topic.name()), "ultraline-feedback-view");
        thread.setDaemon(true);
        thread.start();
    }

    FeedbackLedger ledger() {
        return ledger;
    }

    private void follow(String topic) {
        try {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            List<TopicPartition> partitions = infos == null
                    ? List.of()
                    : infos.stream()
                            .map(i -> new TopicPartition(i.topic(), i.partition()))
                            .toList();
            if (partitions.isEmpty()) {
                LOG.warn("Topic {} does not exist: no operator feedback is shown", topic);
                return;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!stopping) {
                try {
                    for (ConsumerRecord<String, OperatorFeedback> r : consumer.poll(POLL)) {
                        if (r.value() != null) {
                            ledger.accept(r.value());
                        }
                    }
                } catch (org.apache.kafka.common.errors.RecordDeserializationException e) {
                    LOG.warn("Skipping an unreadable record of {}: {}", topic, e.getMessage());
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            if (!stopping) {
                LOG.error("The feedback view stopped reading {}", topic, e);
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    @PreDestroy
    @Override
    public void close() {
        stopping = true;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
