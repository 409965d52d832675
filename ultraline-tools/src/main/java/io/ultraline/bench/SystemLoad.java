package io.ultraline.bench;

import java.lang.management.ManagementFactory;

/** The machine's load, printed with every figure so that a busy machine shows. */
final class SystemLoad {

    private SystemLoad() {}

    /** The one-minute load average, or -1 where the platform has none. */
    static double oneMinute() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
