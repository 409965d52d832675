package io.ultraline.app;

import io.micronaut.context.ApplicationContext;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The container image's entry point, and what {@code ultraline serve} runs: starts the service
 * over application.yml and the environment, and keeps it up until the JVM is asked to stop. Lives
 * in this module so that the image needs neither the command line nor the embedded broker.
 */
public final class ServiceMain {

    private ServiceMain() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0) {
            System.err.println("error: the service takes no arguments (configure it with application.yml"
                    + " and environment variables, see the README); got " + String.join(" ", args));
            System.exit(2);
        }
        System.exit(serve());
    }

    /** Starts the service and blocks until shutdown; 0 after a clean stop, 2 when a setting is wrong. */
    public static int serve() throws InterruptedException {
        ApplicationContext context;
        try {
            context = UltralineApplication.start(Map.of());
        } catch (RuntimeException e) {
            System.err.println("error: " + UltralineApplication.reason(e));
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            context.close();
                            stopped.countDown();
                        },
                        "ultraline-shutdown"));
        System.out.println("ultraline serving on port " + UltralineApplication.port(context));
        stopped.await();
        return 0;
    }
}
