package io.ultraline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ultraline explain-frame}: explain on demand, through a running service's API, a frame that
 * has its verdict but no explanation (two-stage inference skipped it) or whose explanation is wanted
 * again. The explanation follows on line.explanations with reason ON_DEMAND.
 */
@Command(
        name = "explain-frame",
        mixinStandardHelpOptions = true,
        description = {
            "Ask a running service for the ULTra explanation of a frame it already judged (explain on " + "demand).",
            "Posts to the service's API, which sends an EXPLAIN command with the frame to line.calibration; the "
                    + "explanation follows on line.explanations (reason ON_DEMAND) and on the dashboard. A frame "
                    + "the service no longer holds is read back from line.frames with --partition and --offset. "
                    + "Exit 2 when the service refuses (bad input, unknown frame)."
        })
final class ExplainFrameCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    ServiceCall call;

    @Option(names = "--camera", required = true, description = "camera id")
    String camera;

    @Option(names = "--frame", required = true, description = "frame id (as on the dashboard and in the verdict)")
    String frame;

    @Option(names = "--partition", description = "the frame's partition on line.frames (with --offset)")
    Integer partition;

    @Option(names = "--offset", description = "the frame's offset on line.frames (with --partition)")
    Long offset;

    @Override
    public Integer call() throws Exception {
        if ((partition == null) != (offset == null)) {
            System.err.println("error: --partition and --offset go together");
            return 2;
        }
        ObjectNode body = JSON.createObjectNode();
        if (partition != null) {
            body.put("partition", partition).put("offset", offset);
        }
        ServiceCall.Answer a = call.post(
                "api/cameras/" + ServiceCall.enc(camera) + "/frames/" + ServiceCall.enc(frame) + "/explain",
                JSON.writeValueAsString(body));
        if (a.status() != 202) {
            System.err.println("error: the service answered HTTP " + a.status() + ": "
                    + a.body().strip());
            return 2;
        }
        var answer = JSON.readTree(a.body());
        var source = answer.path("source");
        System.out.printf(
                "explanation of frame %s of camera %s asked for (command %s); it follows on "
                        + "line.explanations with source %s/%d/%d%n",
                frame,
                camera,
                answer.path("commandId").asText(),
                source.path("topic").asText(),
                source.path("partition").asInt(),
                source.path("offset").asLong());
        return 0;
    }
}
