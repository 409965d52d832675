package io.ultraline.app;

import io.ultraline.avro.CalibrationCommand;
import io.ultraline.avro.OperatorFeedback;
import io.ultraline.control.CalibrationRequest;
import io.ultraline.control.CalibrationSender;
import io.ultraline.control.FeedbackSender;
import io.ultraline.stream.PipelineTopics;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes the operators' calibration commands (from the API) to line.calibration, and their
 * feedback to line.feedback. Each producer is created on first use, so an instance nobody
 * calibrates through holds no connection.
 */
@Singleton
final class OperatorCommands implements AutoCloseable {

    private final ServiceSettings settings;
    private final PipelineTopics topics;
    private CalibrationSender sender;
    private FeedbackSender feedback;

    OperatorCommands(ServiceSettings settings, PipelineService pipeline) {
        this.settings = settings;
        this.topics = pipeline.topics();
    }

    synchronized CalibrationSender.Sent calibrate(CalibrationRequest request) {
        return calibrationSender().send(request);
    }

    /** Sends a command built by the caller (ADD_NORMAL, MARGIN). */
    synchronized CalibrationSender.Sent calibrate(CalibrationCommand command) {
        return calibrationSender().send(command);
    }

    /** Records an operator's feedback on line.feedback. */
    synchronized OperatorFeedback feedback(OperatorFeedback f) {
        if (feedback == null) {
            feedback = FeedbackSender.create(
                    clientConfig(),
                    topics.feedback().keySerde().serializer(),
                    topics.feedback().valueSerde().serializer(),
                    topics.feedback().name());
        }
        return feedback.send(f);
    }

    private CalibrationSender calibrationSender() {
        if (sender == null) {
            sender = CalibrationSender.create(
                    clientConfig(),
                    topics.calibration().keySerde().serializer(),
                    topics.calibration().valueSerde().serializer(),
                    topics.calibration().name());
        }
        return sender;
    }

    private Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>(settings.kafka().clientConfig());
        config.putAll(settings.passThrough().kafka());
        return config;
    }

    @PreDestroy
    @Override
    public synchronized void close() {
        if (sender != null) {
            sender.close();
        }
        if (feedback != null) {
            feedback.close();
        }
    }
}
