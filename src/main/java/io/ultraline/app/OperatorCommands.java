package io.ultraline.app;

import io.ultraline.control.CalibrationRequest;
import io.ultraline.control.CalibrationSender;
import io.ultraline.stream.PipelineTopics;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes the operators' calibration commands (from the API) to line.calibration. Its producer is
 * created on the first command, so an instance nobody calibrates through holds no connection.
 */
@Singleton
final class OperatorCommands implements AutoCloseable {

    private final ServiceSettings settings;
    private final PipelineTopics topics;
    private CalibrationSender sender;

    OperatorCommands(ServiceSettings settings, PipelineService pipeline) {
        this.settings = settings;
        this.topics = pipeline.topics();
    }

    synchronized CalibrationSender.Sent calibrate(CalibrationRequest request) {
        if (sender == null) {
            Map<String, Object> config = new HashMap<>(settings.kafka().clientConfig());
            config.putAll(settings.passThrough().kafka());
            sender = CalibrationSender.create(config, topics.calibration().keySerde().serializer(),
                    topics.calibration().valueSerde().serializer(), topics.calibration().name());
        }
        return sender.send(request);
    }

    @PreDestroy
    @Override
    public synchronized void close() {
        if (sender != null) {
            sender.close();
        }
    }
}
