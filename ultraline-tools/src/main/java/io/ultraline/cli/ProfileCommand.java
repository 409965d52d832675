package io.ultraline.cli;

import io.ultraline.avro.CalibrationAction;
import io.ultraline.avro.CalibrationCommand;
import io.ultraline.control.CalibrationRequest;
import io.ultraline.control.CalibrationSender;
import io.ultraline.defect.ProfileCodec;
import io.ultraline.defect.ReferenceProfile;
import io.ultraline.model.ModelManifest;
import io.ultraline.stream.PipelineTopics;
import io.ultraline.stream.Topic;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ultraline profile push}: a profile built offline goes into service. */
@Command(name = "profile", description = "Reference profiles built offline.", subcommands = ProfileCommand.Push.class)
final class ProfileCommand {

    @Command(
            name = "push",
            mixinStandardHelpOptions = true,
            description = {
                "Make the service score a camera's frames against a profile built with 'ultraline calibrate'.",
                "Sends a PUSH CalibrationCommand carrying the profile to line.calibration; the service checks it "
                        + "against its model (digest, token dimension), stores it as the camera's next profile "
                        + "version and publishes the snapshot to line.profiles, like a calibration it ran itself."
            })
    static final class Push implements Callable<Integer> {
        @Mixin
        KafkaConnectionOptions connection;

        @Parameters(index = "0", paramLabel = "FILE", description = "profile file written by ultraline calibrate")
        Path file;

        @Option(names = "--camera", required = true, description = "camera id")
        String camera;

        @Option(names = "--product", description = "product id (default: any product)")
        String product;

        @Option(
                names = "--model",
                required = true,
                description = "the model directory the profile was built with (the one the service runs)")
        Path model;

        @Option(
                names = "--requested-by",
                defaultValue = "${sys:user.name}",
                description = "who asks, for the audit trail (default: the user name)")
        String requestedBy;

        @Override
        public Integer call() throws Exception {
            byte[] bytes = Files.readAllBytes(file);
            ReferenceProfile profile;
            try {
                profile = ProfileCodec.decode(bytes);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        file + " is not a profile written by ultraline calibrate: " + e.getMessage());
            }
            ModelManifest manifest = ModelManifest.read(model);
            CalibrationCommand command = new CalibrationRequest(CalibrationAction.PUSH, camera, product, 0, requestedBy)
                    .command(Instant.now());
            command.setProfile(ByteBuffer.wrap(bytes));
            command.setModelDigest(manifest.weightsSha256());
            Topic<String, CalibrationCommand> topic = PipelineTopics.avro(connection.serdeConfig())
                    .withPrefix(connection.topicPrefix)
                    .calibration();
            try (CalibrationSender sender = CalibrationSender.create(
                    connection.clientConfig(),
                    topic.keySerde().serializer(),
                    topic.valueSerde().serializer(),
                    topic.name())) {
                CalibrationSender.Sent sent = sender.send(command);
                System.out.printf(
                        "PUSH %s sent for camera %s%s: profile of %d frames, %d tokens of %d, threshold %.4f "
                                + "(%s partition %d offset %d)%n",
                        command.getCommandId(),
                        camera,
                        product == null ? "" : " product " + product,
                        profile.frameCount(),
                        profile.bankSize(),
                        profile.tokenDim(),
                        profile.threshold(),
                        topic.name(),
                        sent.partition(),
                        sent.offset());
            }
            return 0;
        }
    }
}
