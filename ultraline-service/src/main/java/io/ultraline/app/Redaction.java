package io.ultraline.app;

import java.util.regex.Pattern;

/**
 * Removes credentials from text that is logged or shown: the user info of URLs
 * ({@code https://user:password@host} becomes {@code https://***@host}) and the password of a
 * {@code user:password} pair. Operators paste credentials into URLs; health details and start-up
 * logs are read by people who must not learn them.
 */
final class Redaction {

    static final String MASK = "***";

    // scheme://userinfo@ where userinfo stops at the first character that ends an authority,
    // so an '@' in a path or query is left alone
    private static final Pattern URL_USER_INFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/?#@\\s,]*@");

    private Redaction() {}

    /** {@code text} with the user info of every URL in it masked; null stays null. */
    static String urls(String text) {
        return text == null ? null : URL_USER_INFO.matcher(text).replaceAll("$1" + MASK + "@");
    }

    /** {@code user:password} as {@code user:***}; a value without a colon is masked whole. */
    static String userInfo(String userInfo) {
        if (userInfo == null || userInfo.isEmpty()) {
            return userInfo;
        }
        int colon = userInfo.indexOf(':');
        return colon < 0 ? MASK : userInfo.substring(0, colon + 1) + MASK;
    }
}
