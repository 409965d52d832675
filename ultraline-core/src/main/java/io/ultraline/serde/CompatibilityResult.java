package io.ultraline.serde;

import java.util.List;

/**
 * The answer of a compatibility test.
 *
 * @param compatible whether the schema may be registered under the subject
 * @param messages   the server's explanations where it gives any (Confluent with
 *                   {@code verbose=true}), otherwise empty
 */
public record CompatibilityResult(boolean compatible, List<String> messages) {

    public CompatibilityResult {
        messages = List.copyOf(messages);
    }
}
