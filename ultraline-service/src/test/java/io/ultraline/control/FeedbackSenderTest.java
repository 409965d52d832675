package io.ultraline.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultraline.avro.FeedbackKind;
import io.ultraline.avro.OperatorFeedback;
import java.time.Instant;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class FeedbackSenderTest {

    private static final Serializer<OperatorFeedback> VALUES = (topic, f) -> new byte[0];

    private static OperatorFeedback feedback() {
        return FeedbackRequest.acknowledgement("cam-3", "a-1", null, "operator", Instant.EPOCH);
    }

    @Test
    void feedbackIsKeyedByItsCameraAndSentOnceAcknowledged() {
        MockProducer<String, OperatorFeedback> producer =
                new MockProducer<>(true, null, new StringSerializer(), VALUES);
        try (FeedbackSender sender = new FeedbackSender(producer, "line.feedback")) {
            assertThat(sender.send(feedback()).getKind()).isEqualTo(FeedbackKind.ALERT_ACK);
        }
        assertThat(producer.history()).singleElement().satisfies(r -> {
            assertThat(r.topic()).isEqualTo("line.feedback");
            assertThat(r.key()).isEqualTo("cam-3");
        });
    }

    @Test
    void aRefusalOfTheBrokerIsAClearError() {
        MockProducer<String, OperatorFeedback> producer =
                new MockProducer<>(false, null, new StringSerializer(), VALUES);
        FeedbackSender sender = new FeedbackSender(producer, "line.feedback");
        Thread broker = new Thread(() -> {
            while (!producer.errorNext(new IllegalStateException("not authorised"))) {
                Thread.onSpinWait();
            }
        });
        broker.start();
        assertThatThrownBy(() -> sender.send(feedback()))
                .hasMessageContaining("Kafka did not take the feedback")
                .hasMessageContaining("not authorised");
    }
}
