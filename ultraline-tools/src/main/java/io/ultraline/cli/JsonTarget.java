package io.ultraline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Where a command's {@code --json} goes: a file, or standard output when the option is {@code -}.
 * When the JSON takes standard output, the command's human-readable lines go to standard error, so
 * that {@code ultraline evaluate --json - | jq} reads nothing but the document.
 */
final class JsonTarget {

    /** What {@code --json} takes to mean standard output. */
    static final String STDOUT = "-";

    private JsonTarget() {}

    static boolean isStdout(Path json) {
        return json != null && json.toString().equals(STDOUT);
    }

    /** Where human-readable lines go: stderr when the JSON takes stdout, else stdout. */
    static PrintStream textStream(Path json) {
        return isStdout(json) ? System.err : System.out;
    }

    /** Writes {@code doc} to {@code json} (a file, or stdout for {@code -}); says so on the text stream. */
    static void write(Path json, Object doc) throws IOException {
        write(json, doc, System.out, System.err);
    }

    static void write(Path json, Object doc, PrintStream stdout, PrintStream stderr) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        if (isStdout(json)) {
            // Jackson closes the stream it writes to unless told otherwise; stdout must stay open
            stdout.println(mapper.writeValueAsString(doc));
            stdout.flush();
        } else {
            mapper.writeValue(json.toFile(), doc);
            stdout.println("wrote " + json);
        }
    }
}
