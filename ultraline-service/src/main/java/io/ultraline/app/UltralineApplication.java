package io.ultraline.app;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;

/**
 * Starts the service: a Micronaut context over application.yml (plus environment variables and
 * {@code overrides}), which loads the model, checks Kafka, starts the topology, then the HTTP server.
 * Closing the returned context stops everything in reverse order.
 */
public final class UltralineApplication {

    private UltralineApplication() {}

    /**
     * @param overrides properties that take precedence over application.yml and the environment
     *                  (the demo's embedded endpoints)
     * @throws RuntimeException when a setting is missing or wrong; its root cause names it
     */
    public static ApplicationContext start(Map<String, Object> overrides) {
        ApplicationContext context = ApplicationContext.builder(UltralineApplication.class)
                .properties(overrides)
                .deduceEnvironment(false)
                .banner(false)
                .start();
        try {
            context.getBean(EmbeddedServer.class).start();
            return context;
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    /** The HTTP port the started context listens on. */
    public static int port(ApplicationContext context) {
        return context.getBean(EmbeddedServer.class).getPort();
    }

    /** The deepest cause's message: start-up failures name the setting there. */
    public static String reason(Throwable e) {
        Throwable t = e;
        String message = e.getMessage();
        // a bounded walk: two exceptions may be each other's cause
        for (int depth = 0; t != null && depth < 100; depth++) {
            if (t instanceof io.micronaut.context.exceptions.ConfigurationException && t.getMessage() != null) {
                return t.getMessage();
            }
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        return message;
    }
}
