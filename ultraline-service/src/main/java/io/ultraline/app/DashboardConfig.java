package io.ultraline.app;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The dashboard's shift view, under {@code ultraline.dashboard}.
 *
 * @param historyFrames verdicts kept in memory per camera for its history view ({@code history-frames},
 *                      {@code ULTRALINE_DASHBOARD_HISTORY_FRAMES}, default {@value #DEFAULT_HISTORY_FRAMES});
 *                      about 200 bytes each, no images. Older frames are read back from the topics
 * @param readBackMax   verdicts at most that one drill-down reads back from line.verdicts ({@code read-back-max},
 *                      {@code ULTRALINE_DASHBOARD_READ_BACK_MAX}, default {@value #DEFAULT_READ_BACK_MAX})
 */
@ConfigurationProperties("ultraline.dashboard")
public record DashboardConfig(
        @Bindable(defaultValue = "" + DEFAULT_HISTORY_FRAMES)
        int historyFrames,

        @Bindable(defaultValue = "" + DEFAULT_READ_BACK_MAX) int readBackMax) {

    public static final int DEFAULT_HISTORY_FRAMES = 200;
    public static final int DEFAULT_READ_BACK_MAX = 5000;
    /** A camera's history costs about 200 bytes a frame; this bounds it near 2 MB a camera. */
    static final int MAX_HISTORY_FRAMES = 10_000;

    public DashboardConfig {
        if (historyFrames < 1 || historyFrames > MAX_HISTORY_FRAMES) {
            throw new IllegalArgumentException(
                    "ultraline.dashboard.history-frames (ULTRALINE_DASHBOARD_HISTORY_FRAMES) "
                            + "must be between 1 and " + MAX_HISTORY_FRAMES + ", got " + historyFrames);
        }
        if (readBackMax < 1) {
            throw new IllegalArgumentException("ultraline.dashboard.read-back-max (ULTRALINE_DASHBOARD_READ_BACK_MAX) "
                    + "must be at least 1, got " + readBackMax);
        }
    }

    public static DashboardConfig defaults() {
        return new DashboardConfig(DEFAULT_HISTORY_FRAMES, DEFAULT_READ_BACK_MAX);
    }
}
