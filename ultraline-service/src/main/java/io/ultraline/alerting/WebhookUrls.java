package io.ultraline.alerting;

import java.net.URI;

/**
 * Webhook URLs as they may appear in logs and messages. Such URLs often carry the secret that
 * authorises the caller: in the query ({@code ?token=...}), the user info ({@code user:pass@}) or
 * the path (Slack's {@code /services/T.../B.../XXXX}). So only the scheme, host and port are
 * shown, and anything after them becomes {@code /<redacted>}.
 */
public final class WebhookUrls {

    /** What replaces the path, query, fragment and user info. */
    public static final String REDACTED = "<redacted>";

    private WebhookUrls() {}

    /** {@code scheme://host[:port]}, plus {@code /<redacted>} when the URL has anything else. */
    public static String redacted(URI url) {
        if (url == null) {
            return "null";
        }
        if (url.getScheme() == null || url.getHost() == null) {
            return REDACTED; // opaque or unparsed: nothing in it is known to be safe
        }
        StringBuilder shown = new StringBuilder(url.getScheme()).append("://").append(url.getHost());
        if (url.getPort() >= 0) {
            shown.append(':').append(url.getPort());
        }
        String path = url.getRawPath();
        boolean more = url.getRawUserInfo() != null
                || url.getRawQuery() != null
                || url.getRawFragment() != null
                || (path != null && !path.isEmpty() && !"/".equals(path));
        return more ? shown.append('/').append(REDACTED).toString() : shown.toString();
    }
}
