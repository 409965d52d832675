package io.ultraline.app;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Bounds of the dashboard's live view ({@link RecentFrames}), under {@code ultraline.recent-frames}.
 *
 * @param maxCameras cameras held at once ({@code max-cameras}, {@code ULTRALINE_RECENT_FRAMES_MAX_CAMERAS},
 *                   default {@value #DEFAULT_MAX_CAMERAS}); past it, the least recently updated camera goes
 * @param maxBytes   image and overlay bytes held at once ({@code max-bytes},
 *                   {@code ULTRALINE_RECENT_FRAMES_MAX_BYTES}, default {@value #DEFAULT_MAX_BYTES}, 256 MiB);
 *                   past it, the oldest frames go, whatever their camera
 */
@ConfigurationProperties("ultraline.recent-frames")
public record RecentFramesConfig(
        @Bindable(defaultValue = "" + DEFAULT_MAX_CAMERAS) int maxCameras,
        @Bindable(defaultValue = "" + DEFAULT_MAX_BYTES) long maxBytes) {

    public static final int DEFAULT_MAX_CAMERAS = 256;
    public static final long DEFAULT_MAX_BYTES = 256L << 20;

    public RecentFramesConfig {
        if (maxCameras < 1) {
            throw new IllegalArgumentException("ultraline.recent-frames.max-cameras "
                    + "(ULTRALINE_RECENT_FRAMES_MAX_CAMERAS) must be at least 1, got " + maxCameras);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("ultraline.recent-frames.max-bytes "
                    + "(ULTRALINE_RECENT_FRAMES_MAX_BYTES) must be at least 1, got " + maxBytes);
        }
    }

    public static RecentFramesConfig defaults() {
        return new RecentFramesConfig(DEFAULT_MAX_CAMERAS, DEFAULT_MAX_BYTES);
    }
}
