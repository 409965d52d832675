package io.ultraline.app;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;

/** Run in a child JVM by ClientPassThroughTest: prints what the configuration's pass-through keys are. */
public final class PassThroughProbe {

    private PassThroughProbe() {}

    public static void main(String[] args) {
        Environment env = ApplicationContext.builder()
                .deduceEnvironment(false)
                .build()
                .getEnvironment()
                .start();
        try {
            ClientPassThrough p = ClientPassThrough.from(env);
            System.out.println("kafka=" + new java.util.TreeMap<>(p.kafka()));
            System.out.println("registry=" + new java.util.TreeMap<>(p.registry()));
        } finally {
            env.stop();
        }
    }
}
