package io.ultraline.app;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.ultraline.inspect.FrameInspector;
import io.ultraline.model.runtime.ComputeDevice;
import io.ultraline.model.runtime.ModelRunner;
import io.ultraline.model.runtime.RunnerOptions;
import io.ultraline.stream.ModelStep;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one model runner of this instance, loaded and warmed at start (the readiness check waits for
 * it) and shared by every stream thread; closed when the application stops.
 */
@Context
public final class SharedModelRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SharedModelRunner.class);

    private final ModelRunner runner;
    private final ModelStep inspection;
    private final ComputeDevice device;
    private final String deviceMismatch;
    private final AtomicBoolean open = new AtomicBoolean(true);

    SharedModelRunner(ServiceSettings settings, ModelDeviceConfig deviceConfig, ServiceMetrics metrics) {
        ModelConfig model = settings.model();
        DeviceExpectation expected;
        try {
            expected = DeviceExpectation.parse(deviceConfig.modelDevice());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("ultraline cannot start: " + e.getMessage(), e);
        }
        long start = System.nanoTime();
        try {
            runner = ModelRunner.load(
                    model.path(),
                    RunnerOptions.defaults()
                            .withIntraOpThreads(model.modelThreads())
                            .withParallelRuns(model.modelParallelRuns()));
        } catch (RuntimeException e) {
            throw new ConfigurationException(
                    "ultraline cannot start: the model in ultraline.model-dir (" + model.modelDir()
                            + ", ULTRALINE_MODEL_DIR) does not load: " + e.getMessage(),
                    e);
        }
        // the profile snapshot on line.profiles must fit the output record limit like any output
        FrameInspector inspector = FrameInspector.standard(
                runner,
                settings.pipeline().outputs().maxRecordBytes(),
                settings.pipeline().calibration().rawPixels());
        inspection = metrics.timed(ModelStep.of(inspector));
        var manifest = runner.manifest();
        device = ComputeDevice.probe();
        deviceMismatch = expected.mismatch(device);
        metrics.modelLoaded(manifest.name(), manifest.version(), manifest.weightsSha256(), device.kind());
        LOG.info(
                "Model {} {} loaded and warmed in {} ms; it runs on the {} (TensorFlow devices: {}; native "
                        + "build: {}; expected: {})",
                manifest.name(),
                manifest.version(),
                (System.nanoTime() - start) / 1_000_000,
                device.kind().toUpperCase(java.util.Locale.ROOT),
                String.join(", ", device.devices()),
                device.nativeBuild(),
                expected.name().toLowerCase(java.util.Locale.ROOT));
        if (deviceMismatch != null) {
            LOG.warn("Model device: {}", deviceMismatch);
        }
    }

    /** Where the model runs, as TensorFlow reports it. */
    public ComputeDevice device() {
        return device;
    }

    /** Why the device is not the expected one (a health warning); null when it is. */
    public String deviceMismatch() {
        return deviceMismatch;
    }

    /** The model step for the topology, timed into the metrics. */
    public ModelStep inspection() {
        return inspection;
    }

    public ModelRunner runner() {
        return runner;
    }

    /** Loaded and warmed (the runner warms up while loading) and not yet closed. */
    public boolean isReady() {
        return open.get();
    }

    @PreDestroy
    @Override
    public void close() {
        if (open.compareAndSet(true, false)) {
            runner.close();
        }
    }
}
