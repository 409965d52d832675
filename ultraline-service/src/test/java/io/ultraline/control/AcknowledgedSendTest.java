package io.ultraline.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class AcknowledgedSendTest {

    @Test
    void theUsersSettingsBecomeIdempotentAndKeepTheirClientId() {
        Map<String, Object> mine = Map.of(ProducerConfig.CLIENT_ID_CONFIG, "plant-7", ProducerConfig.ACKS_CONFIG, "1");
        Map<String, Object> config = AcknowledgedSend.idempotent(mine, "ultraline-feedback");
        assertThat(config)
                .containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "plant-7")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all");
        assertThat(AcknowledgedSend.idempotent(Map.of(), "ultraline-feedback"))
                .containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "ultraline-feedback");
    }

    @Test
    void aSentRecordIsKeyedAndARefusedOneSaysWhatAndWhere() {
        MockProducer<String, String> producer =
                new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
        AcknowledgedSend.send(producer, "line.feedback", "cam-1", "v", "feedback");
        assertThat(producer.history())
                .singleElement()
                .satisfies(r -> assertThat(r.key()).isEqualTo("cam-1"));

        MockProducer<String, String> refusing =
                new MockProducer<>(false, null, new StringSerializer(), new StringSerializer());
        Thread answer = new Thread(() -> {
            while (!refusing.errorNext(new RecordTooLargeException("too large"))) {
                Thread.onSpinWait();
            }
        });
        answer.start();
        assertThatThrownBy(() -> AcknowledgedSend.send(refusing, "line.calibration", "cam-1", "v", "command"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("did not take the command for line.calibration")
                .hasMessageContaining("too large");
    }
}
