package io.ultraline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ultraline.avro.FeedbackKind;
import io.ultraline.control.FeedbackRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ultraline feedback}: an operator's judgement of a frame, through the service's API (which
 * holds the frame and its place on line.frames); {@code ack} and {@code export} below it.
 */
@Command(
        name = "feedback",
        mixinStandardHelpOptions = true,
        description = {
            "Mark a frame as a false alarm (it becomes a normal example of the camera's profile) or a "
                    + "confirmed defect of a type.",
            "Posts to the service's API, which writes line.feedback (and, for a false alarm, ADD_NORMAL to "
                    + "line.calibration). Exit 2 when the service refuses (bad input, unknown frame)."
        },
        subcommands = {FeedbackCommand.Ack.class, FeedbackExportCommand.class})
final class FeedbackCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    ServiceCall call;

    @Option(names = "--camera", description = "camera id")
    String camera;

    @Option(names = "--frame", description = "frame id (as on the dashboard and in the verdict)")
    String frame;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Judgement judgement;

    @Option(names = "--region", description = "the judged region's index (default: the whole frame)")
    Integer region;

    @Option(names = "--note", description = "free text for the record")
    String note;

    static final class Judgement {
        @Option(names = "--false-alarm", description = "the frame is normal")
        boolean falseAlarm;

        @Option(
                names = "--confirmed",
                paramLabel = "TYPE",
                description = "a real defect: scratch, crack, particle, hole, stain, misprint or dent")
        String confirmed;
    }

    @Override
    public Integer call() throws Exception {
        if (camera == null || frame == null || judgement == null) {
            System.err.println("error: feedback needs --camera, --frame and one of --false-alarm or --confirmed TYPE"
                    + " (or a subcommand: ack, export)");
            return 2;
        }
        FeedbackKind kind = judgement.falseAlarm ? FeedbackKind.FALSE_ALARM : FeedbackKind.CONFIRMED_DEFECT;
        try {
            // the service checks again; checking here names the problem without a round trip
            new FeedbackRequest(kind, camera, frame, region, judgement.confirmed, note);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        ObjectNode body = JSON.createObjectNode().put("kind", kind.name());
        body.put("defectType", judgement.confirmed);
        body.put("regionIndex", region);
        body.put("note", note);
        return report(call.post(
                "api/cameras/" + ServiceCall.enc(camera) + "/frames/" + ServiceCall.enc(frame) + "/feedback",
                JSON.writeValueAsString(body)));
    }

    /** Prints the recorded feedback (exit 0) or the service's refusal (exit 2). */
    static int report(ServiceCall.Answer a) throws Exception {
        if (a.status() != 202) {
            System.err.println("error: the service answered HTTP " + a.status() + ": "
                    + a.body().strip());
            return 2;
        }
        var f = JSON.readTree(a.body());
        System.out.printf(
                "%s %s recorded for %s%s%n",
                f.path("kind").asText(),
                f.path("feedbackId").asText(),
                f.path("cameraId").asText(),
                f.hasNonNull("frameId")
                        ? " frame " + f.path("frameId").asText()
                        : " alert " + f.path("alertId").asText());
        return 0;
    }

    @Command(
            name = "ack",
            mixinStandardHelpOptions = true,
            description = "Acknowledge an open alert (its id as /api/alerts and line.alerts show it).")
    static final class Ack implements Callable<Integer> {
        @Mixin
        ServiceCall call;

        @Option(names = "--alert", required = true, description = "alert id")
        String alert;

        @Option(names = "--note", description = "free text for the record")
        String note;

        @Override
        public Integer call() throws Exception {
            String body = JSON.writeValueAsString(JSON.createObjectNode().put("note", note));
            return report(call.post("api/alerts/" + ServiceCall.enc(alert) + "/ack", body));
        }
    }
}
