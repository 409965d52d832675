package io.ultraline.app;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code process_resident_memory_bytes}, the name Prometheus' own clients use, read from Linux's
 * {@code /proc/self/status}. The JVM's heap and non-heap gauges miss what matters for a pod's
 * memory limit here: TensorFlow's native allocations live outside both, and the kernel kills the
 * pod on the resident set.
 */
final class ResidentMemory {

    private static final Path STATUS = Path.of("/proc/self/status");

    private ResidentMemory() {}

    /** Registers the gauge where the platform reports the resident set; elsewhere nothing. */
    static void bindTo(MeterRegistry registry) {
        if (read(STATUS).isEmpty()) {
            return;
        }
        Gauge.builder("process.resident.memory", () -> read(STATUS).orElse(-1))
                .baseUnit("bytes")
                .description("Resident set size of the process, native allocations (TensorFlow) included")
                .register(registry);
    }

    static OptionalLong read(Path status) {
        try {
            return parse(Files.readAllLines(status));
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return OptionalLong.empty();
        }
    }

    /** The {@code VmRSS:} line of a {@code /proc/<pid>/status} file, in bytes (the file says kB). */
    static OptionalLong parse(List<String> statusLines) {
        for (String line : statusLines) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                if (parts.length == 2
                        && parts[1].equals("kB")
                        && parts[0].chars().allMatch(Character::isDigit)) {
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
                }
            }
        }
        return OptionalLong.empty();
    }
}
