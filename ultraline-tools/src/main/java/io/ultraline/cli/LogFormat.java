package io.ultraline.cli;

import java.util.Locale;
import java.util.Set;

/**
 * The log format setting, {@value #VARIABLE}: logback.xml picks its appender by this name, and
 * logback only warns about an unknown appender and then logs nothing, so a misspelt value is
 * refused here with a message instead.
 */
final class LogFormat {

    /** Environment variable (or system property, which wins) that logback.xml reads. */
    static final String VARIABLE = "ULTRALINE_LOG_FORMAT";

    static final Set<String> FORMATS = Set.of("text", "json");

    private LogFormat() {}

    /** The configured value: the system property, else the environment variable, else null. */
    static String configured() {
        String property = System.getProperty(VARIABLE);
        return property != null ? property : System.getenv(VARIABLE);
    }

    /** Why {@code value} is not a log format; null when it is one or unset. */
    static String problem(String value) {
        if (value == null || FORMATS.contains(value)) {
            return null;
        }
        String hint = FORMATS.contains(value.trim().toLowerCase(Locale.ROOT)) ? " (lower case, no spaces)" : "";
        return VARIABLE + " must be text or json, got '" + value + "'" + hint;
    }
}
