package io.ultraline.cli;

import io.ultraline.control.FeedbackDataset;
import io.ultraline.control.FeedbackExport;
import io.ultraline.stream.PipelineTopics;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ultraline feedback export}: a camera's operator-labelled frames as an {@code evaluate} dataset. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Write a camera's labelled frames from line.feedback (and the frames from line.frames) as a "
                    + "dataset that ultraline evaluate reads.",
            "False alarms are good frames (alternately calibration/ and test/), confirmed defects defective test "
                    + "frames without a mask: evaluate reports the frame-level metrics, pixel ones are null."
        })
final class FeedbackExportCommand implements Callable<Integer> {

    @Mixin
    KafkaConnectionOptions connection;

    @Option(names = "--camera", required = true, description = "the camera whose feedback to export")
    String camera;

    @Option(names = "--out", required = true, description = "dataset folder to create (must be empty)")
    Path out;

    @Override
    public Integer call() throws Exception {
        PipelineTopics topics = PipelineTopics.avro(connection.serdeConfig()).withPrefix(connection.topicPrefix);
        FeedbackExport.Found found;
        try (FeedbackExport export = new FeedbackExport(connection.clientConfig(), topics)) {
            found = export.read(camera);
        }
        found.missing().forEach(m -> System.err.println("warning: frame " + m + " is no longer on the topic"));
        FeedbackDataset.Written w = FeedbackDataset.write(found.frames(), out);
        System.out.printf(
                "wrote %s: %d calibration frames, %d good and %d defective test frames%n",
                out, w.calibration(), w.goodTest(), w.defectiveTest());
        if (w.calibration() < 2) {
            System.err.println("warning: evaluate needs at least 2 calibration frames (false alarms); this dataset "
                    + "has " + w.calibration());
        }
        return 0;
    }
}
