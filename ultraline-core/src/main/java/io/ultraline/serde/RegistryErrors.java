package io.ultraline.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Turns a non-retryable error answer into the matching {@link RegistryException}. */
final class RegistryErrors {

    private RegistryErrors() {}

    /**
     * Reads {@code {"error_code": n, "message": "..."}}; a body that is not such JSON becomes the
     * message itself, so proxies' HTML pages still say something.
     */
    static RegistryException fromResponse(String url, int status, String body, ObjectMapper json) {
        int errorCode = 0;
        String message = RegistryHttp.shorten(body);
        try {
            JsonNode tree = json.readTree(body == null ? "" : body);
            if (tree != null && tree.isObject()) {
                errorCode = tree.path("error_code").asInt(0);
                JsonNode text = tree.get("message");
                if (text != null && !text.isNull()) {
                    message = text.asText();
                }
            }
        } catch (java.io.IOException notJson) {
            // keep the raw body as the message
        }
        if (status == 404) {
            return new SchemaNotFoundException(url, errorCode, message);
        }
        if (status == 409) {
            return new IncompatibleSchemaException(url, errorCode, message);
        }
        return new RegistryException(url, status, errorCode, message);
    }
}
