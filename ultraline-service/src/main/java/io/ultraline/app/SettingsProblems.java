package io.ultraline.app;

import io.micronaut.context.exceptions.ConfigurationException;
import java.util.ArrayList;
import java.util.List;

/** Collects every configuration problem so that start-up fails once, naming all of them. */
final class SettingsProblems {

    private final List<String> problems = new ArrayList<>();

    void add(String problem) {
        problems.add(problem);
    }

    void requireText(String property, String env, String value) {
        if (value == null || value.isBlank()) {
            problems.add(property + " is not set (environment variable " + env + ")");
        }
    }

    /** @throws ConfigurationException listing every problem, if there is any */
    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new ConfigurationException("ultraline cannot start: " + String.join("; ", problems));
        }
    }
}
