package io.ultraline.cli;

import io.ultraline.app.ServiceMain;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ultraline serve}: the processor service against configured Kafka, registry and model. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the inspection service: the Kafka Streams topology, health, metrics, API and dashboard.",
            "Configured by ultraline-service/src/main/resources/application.yml and environment variables:",
            "KAFKA_BOOTSTRAP_SERVERS, SCHEMA_REGISTRY_URL, ULTRALINE_MODEL_DIR, ULTRALINE_API_TOKEN, ... (see the README)."
        })
final class ServeCommand implements Callable<Integer> {

    @Override
    public Integer call() throws InterruptedException {
        return ServiceMain.serve();
    }
}
