package io.ultraline.app;

import java.security.Principal;

/**
 * Who a request comes from, once its credentials were checked; set as the request's principal
 * (health shows its details to operators and dashboard sessions only).
 */
enum Caller implements Principal {
    /** The API token in the Authorization header: everything that is exposed. */
    OPERATOR,
    /** The dashboard's session cookie: the dashboard files and reads of /api. */
    DASHBOARD,
    /** Another instance with the peer token: reads of /api answered from local stores only. */
    PEER;

    @Override
    public String getName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
