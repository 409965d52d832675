package io.ultraline.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultraline.model.runtime.ComputeDevice;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ULTRALINE_MODEL_DEVICE: what it accepts, and which devices it calls a mismatch and why. */
class DeviceExpectationTest {

    private static final ComputeDevice CPU_BUILD = new ComputeDevice(List.of("/device:CPU:0 (CPU)"), "cpu");
    private static final ComputeDevice CUDA_BUILD_NO_GPU = new ComputeDevice(List.of("/device:CPU:0 (CPU)"), "gpu");
    private static final ComputeDevice ON_GPU =
            new ComputeDevice(List.of("/device:CPU:0 (CPU)", "/device:GPU:0 (GPU)"), "gpu");

    @Test
    void parsesTheThreeValuesAndDefaultsToAuto() {
        assertThat(DeviceExpectation.parse(null)).isEqualTo(DeviceExpectation.AUTO);
        assertThat(DeviceExpectation.parse(" GPU ")).isEqualTo(DeviceExpectation.GPU);
        assertThat(DeviceExpectation.parse("cpu")).isEqualTo(DeviceExpectation.CPU);
        assertThatThrownBy(() -> DeviceExpectation.parse("cuda"))
                .hasMessage("ultraline.model-device (ULTRALINE_MODEL_DEVICE) must be auto, cpu or gpu, got 'cuda'");
    }

    @Test
    void aGpuExpectedOnTheCpuSaysWhichBuildIsToBlame() {
        assertThat(DeviceExpectation.GPU.mismatch(CPU_BUILD))
                .contains("CPU build")
                .contains("-Pgpu");
        assertThat(DeviceExpectation.GPU.mismatch(CUDA_BUILD_NO_GPU)).contains("CUDA build found no usable GPU");
        assertThat(DeviceExpectation.GPU.mismatch(ON_GPU)).isNull();
    }

    @Test
    void cpuAndAutoExpectations() {
        assertThat(DeviceExpectation.CPU.mismatch(ON_GPU)).contains("runs the model on a GPU");
        assertThat(DeviceExpectation.CPU.mismatch(CPU_BUILD)).isNull();
        assertThat(DeviceExpectation.AUTO.mismatch(CPU_BUILD)).isNull();
        assertThat(DeviceExpectation.AUTO.mismatch(ON_GPU)).isNull();
    }
}
