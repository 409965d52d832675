package io.ultraline.loadtest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts one processor instance as a JVM of its own on this project's runtime classpath (the one
 * the launching JVM runs on, as CrashRecoveryIT starts its child), configured by environment
 * variables only. {@link #serve()} is the real service; another main class that reads the same
 * variables and answers the same readiness URL can stand in for it.
 */
public record ProcessorLauncher(String mainClass, List<String> args) {

    /** {@code ultraline serve}: the Micronaut service, health at /health/readiness. */
    public static ProcessorLauncher serve() {
        return new ProcessorLauncher("io.ultraline.cli.Main", List.of("serve"));
    }

    /** The child's command line. */
    public List<String> command(InstanceConfig config) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + config.heap());
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.ultraline.avro");
        command.add("-Dorg.bytedeco.javacpp.cachedir="
                + System.getProperty(
                        "org.bytedeco.javacpp.cachedir",
                        Path.of(System.getProperty("user.home"), ".javacpp", "cache")
                                .toString()));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    public ProcessorInstance launch(InstanceConfig config) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command(config))
                .redirectErrorStream(true)
                .redirectOutput(config.logFile().toFile());
        pb.environment().putAll(config.environment());
        return new ProcessorInstance(config, pb.start());
    }
}
