package io.ultraline.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import io.ultraline.model.runtime.ComputeDevice;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The device TensorFlow really gives the model, and the health result that reports it. */
class ComputeDeviceTest {

    private static final ComputeDevice CPU_FALLBACK =
            new ComputeDevice(List.of("/job:localhost/replica:0/task:0/device:CPU:0 (CPU)"), "gpu");
    private static final ComputeDevice GPU = new ComputeDevice(
            List.of(
                    "/job:localhost/replica:0/task:0/device:CPU:0 (CPU)",
                    "/job:localhost/replica:0/task:0/device:GPU:0 (GPU)"),
            "gpu");

    @Test
    void probeListsThisMachinesDevicesAndNativeBuild() {
        ComputeDevice device = ComputeDevice.probe();

        // the build machine has no GPU; with -Pgpu the CUDA natives are on the class path and fall back
        assertThat(device.devices()).isNotEmpty().anySatisfy(d -> assertThat(d).endsWith("(CPU)"));
        assertThat(device.kind()).isEqualTo("cpu");
        String classifier = System.getProperty("tensorflow.native.classifier", "linux-x86_64");
        assertThat(device.nativeBuild()).isEqualTo(classifier.endsWith("-gpu") ? "gpu" : "cpu");
    }

    @Test
    void aListedGpuMeansTheModelRunsOnIt() {
        assertThat(GPU.kind()).isEqualTo("gpu");
        assertThat(CPU_FALLBACK.kind()).isEqualTo("cpu");
    }

    @Test
    void healthWarnsOfAGpuDeploymentOnTheCpu() {
        String mismatch = DeviceExpectation.GPU.mismatch(CPU_FALLBACK);
        HealthResult result = PipelineHealth.ModelDevice.result(CPU_FALLBACK, mismatch);

        assertThat(result.getStatus().getName()).isEqualTo("WARNING");
        assertThat(result.getStatus().getOperational()).contains(true);
        assertThat(details(result))
                .containsEntry("device", "cpu")
                .containsEntry("nativeBuild", "gpu")
                .containsEntry("warning", mismatch);
    }

    @Test
    void healthIsUpWithTheDeviceWhenItIsTheExpectedOne() {
        HealthResult result = PipelineHealth.ModelDevice.result(GPU, DeviceExpectation.GPU.mismatch(GPU));

        assertThat(result.getStatus()).isEqualTo(HealthStatus.UP);
        assertThat(details(result)).containsEntry("device", "gpu").doesNotContainKey("warning");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(HealthResult result) {
        return (Map<String, Object>) result.getDetails();
    }
}
