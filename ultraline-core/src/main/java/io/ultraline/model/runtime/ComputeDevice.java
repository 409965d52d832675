package io.ultraline.model.runtime;

import static org.tensorflow.internal.c_api.global.tensorflow.TF_CloseSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteDeviceList;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteGraph;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteSessionOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteStatus;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListCount;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListName;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListType;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_GetCode;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_Message;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewGraph;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewSessionOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewStatus;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_OK;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SessionListDevices;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.TensorFlow;
import org.tensorflow.internal.c_api.TF_DeviceList;
import org.tensorflow.internal.c_api.TF_Graph;
import org.tensorflow.internal.c_api.TF_Session;
import org.tensorflow.internal.c_api.TF_SessionOptions;
import org.tensorflow.internal.c_api.TF_Status;

/**
 * The compute devices TensorFlow gives a session in this process, and which build of its natives
 * is on the class path. TensorFlow places the model's operations on a GPU whenever it lists one and
 * otherwise runs them on the CPU without an error (the CUDA build only logs "Could not find cuda
 * drivers"), so this is the only way the service can tell, and report, where the model runs.
 *
 * @param devices     the session's devices, e.g. {@code /job:localhost/replica:0/task:0/device:GPU:0 (GPU)}
 * @param nativeBuild {@code gpu} when TensorFlow's CUDA natives ({@value #GPU_CLASSIFIER}) are on
 *                    the class path, else {@code cpu}
 */
public record ComputeDevice(List<String> devices, String nativeBuild) {

    static final String GPU_CLASSIFIER = "linux-x86_64-gpu";

    public ComputeDevice {
        devices = List.copyOf(devices);
    }

    /** {@code gpu} when TensorFlow lists a GPU device, else {@code cpu}: where the model runs. */
    public String kind() {
        return devices.stream().anyMatch(d -> d.endsWith("(GPU)")) ? "gpu" : "cpu";
    }

    /**
     * Asks TensorFlow for the devices of an empty session. Call it after the model loaded: the
     * devices are created once per process, so this session gets the ones the model's got.
     */
    public static ComputeDevice probe() {
        TensorFlow.version(); // loads the natives if nothing has yet
        return new ComputeDevice(listDevices(), nativeBuildOnClassPath());
    }

    private static List<String> listDevices() {
        TF_Status status = TF_NewStatus();
        TF_Graph graph = TF_NewGraph();
        TF_SessionOptions options = TF_NewSessionOptions();
        try {
            TF_Session session = TF_NewSession(graph, options, status);
            check(status, "create a session");
            try {
                TF_DeviceList list = TF_SessionListDevices(session, status);
                check(status, "list the devices");
                try {
                    List<String> out = new ArrayList<>();
                    for (int i = 0; i < TF_DeviceListCount(list); i++) {
                        out.add(TF_DeviceListName(list, i, status).getString() + " ("
                                + TF_DeviceListType(list, i, status).getString() + ")");
                        check(status, "read device " + i);
                    }
                    return out;
                } finally {
                    TF_DeleteDeviceList(list);
                }
            } finally {
                TF_CloseSession(session, status);
                TF_DeleteSession(session, status);
            }
        } finally {
            TF_DeleteSessionOptions(options);
            TF_DeleteGraph(graph);
            TF_DeleteStatus(status);
        }
    }

    private static void check(TF_Status status, String what) {
        if (TF_GetCode(status) != TF_OK) {
            throw new IllegalStateException(
                    "TensorFlow cannot " + what + ": " + TF_Message(status).getString());
        }
    }

    private static String nativeBuildOnClassPath() {
        String gpuLibrary = "org/tensorflow/internal/c_api/" + GPU_CLASSIFIER + "/libjnitensorflow.so";
        return ComputeDevice.class.getClassLoader().getResource(gpuLibrary) != null ? "gpu" : "cpu";
    }
}
