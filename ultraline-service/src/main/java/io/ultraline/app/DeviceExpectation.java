package io.ultraline.app;

import io.ultraline.model.runtime.ComputeDevice;
import java.util.Locale;

/**
 * Where the model is meant to run ({@code ultraline.model-device}, {@code ULTRALINE_MODEL_DEVICE}):
 * {@code auto} takes what TensorFlow finds; {@code gpu} (set by the GPU overlay) makes a CPU
 * fallback a health warning instead of a silently slow deployment; {@code cpu} makes a GPU found
 * one (a CPU deployment's sizing and parallel runs are wrong for it).
 */
enum DeviceExpectation {
    AUTO,
    CPU,
    GPU;

    static final String KEY = "ultraline.model-device";
    static final String VARIABLE = "ULTRALINE_MODEL_DEVICE";

    static DeviceExpectation parse(String value) {
        String v = value == null ? "auto" : value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "", "auto" -> AUTO;
            case "cpu" -> CPU;
            case "gpu" -> GPU;
            default ->
                throw new IllegalArgumentException(
                        KEY + " (" + VARIABLE + ") must be auto, cpu or gpu, got '" + value + "'");
        };
    }

    /** Why {@code device} is not what was expected, for the health warning and the log; null when it is. */
    String mismatch(ComputeDevice device) {
        if (this == GPU && !"gpu".equals(device.kind())) {
            return "a GPU is expected (" + VARIABLE + "=gpu) but TensorFlow runs the model on the CPU"
                    + ("cpu".equals(device.nativeBuild())
                            ? ": the CPU build of TensorFlow's natives is on the class path (build with -Pgpu or -Pjib-gpu)"
                            : ": the CUDA build found no usable GPU (driver, nvidia.com/gpu limit, CUDA/cuDNN libraries)");
        }
        if (this == CPU && "gpu".equals(device.kind())) {
            return "the CPU is expected (" + VARIABLE + "=cpu) but TensorFlow runs the model on a GPU";
        }
        return null;
    }
}
