package io.ultraline.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident set size of a process from Linux's /proc/PID/status. */
final class Rss {

    private Rss() {}

    /** VmRSS of {@code pid} in KiB, or -1 where it cannot be read (process gone, not Linux). */
    static long ofPid(long pid) {
        try {
            return parse(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The VmRSS line of a /proc status text, in KiB; -1 without one. */
    static long parse(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring(6).trim().split("\\s+");
                long value = Long.parseLong(parts[0]);
                return parts.length > 1 && parts[1].equalsIgnoreCase("mB") ? value * 1024 : value;
            }
        }
        return -1;
    }
}
