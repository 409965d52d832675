package io.ultraline.app;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The path of a request as access rules see it. Rules compare the raw path exactly (the open health
 * paths) or by prefix (what a session or the peer token may read), so a path that could mean
 * something else once decoded and normalised ({@code /health/../prometheus},
 * {@code /api/%2e%2e/beans}, {@code /api/..%2Fbeans}) is refused before any rule runs.
 */
record RequestPath(String raw) {

    /** Whether a segment of the decoded path is {@code .} or {@code ..}, or the path is not absolute. */
    boolean isAmbiguous() {
        if (!raw.startsWith("/") || raw.contains("\\")) {
            return true;
        }
        String decoded;
        try {
            decoded = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return true;
        }
        if (decoded.contains("\\")) {
            return true;
        }
        for (String segment : decoded.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    boolean is(String path) {
        return raw.equals(path);
    }

    /** {@code prefix} itself or below it ({@code /api} covers {@code /api/x}, not {@code /apix}). */
    boolean isUnder(String prefix) {
        return raw.equals(prefix) || raw.startsWith(prefix + "/");
    }
}
