package io.ultraline.cli;

import io.micronaut.context.ApplicationContext;
import io.ultraline.app.UltralineApplication;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ultraline serve}: the processor service against configured Kafka, registry and model. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs the inspection service: the Kafka Streams topology, health, metrics, API and dashboard.",
                "Configured by src/main/resources/application.yml and environment variables: KAFKA_BOOTSTRAP_SERVERS,",
                "SCHEMA_REGISTRY_URL, ULTRALINE_MODEL_DIR, ULTRALINE_API_TOKEN, ... (see the README)."})
final class ServeCommand implements Callable<Integer> {

    @Override
    public Integer call() throws InterruptedException {
        ApplicationContext context;
        try {
            context = UltralineApplication.start(Map.of());
        } catch (RuntimeException e) {
            System.err.println("error: " + UltralineApplication.reason(e));
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            context.close();
            stopped.countDown();
        }, "ultraline-shutdown"));
        System.out.println("ultraline serving on port " + UltralineApplication.port(context));
        stopped.await();
        return 0;
    }
}
