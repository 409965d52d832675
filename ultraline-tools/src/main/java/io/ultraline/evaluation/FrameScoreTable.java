package io.ultraline.evaluation;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One row per test frame of an evaluation: its truth, the defect types painted on it, its score
 * against the calibrated threshold and the verdict, and the token channel's own score and
 * threshold where the profile fuses a raw-pixel channel. With it a user can see which frames a
 * surface misses, or try another threshold or fusion without running the model again.
 */
public final class FrameScoreTable {

    static final String HEADER =
            "image,defective,types,frame_score,threshold,flagged,tokens_only_score,tokens_only_threshold";

    /** One test frame; tokenScore and tokenThreshold are NaN where the profile has no second channel. */
    record Row(
            String image,
            boolean defective,
            Set<String> types,
            float score,
            float threshold,
            boolean flagged,
            float tokenScore,
            float tokenThreshold) {
        Row {
            types = Set.copyOf(types);
        }
    }

    private final List<Row> rows = new ArrayList<>();

    void add(Row row) {
        rows.add(row);
    }

    /** Writes the table as CSV (types joined by ';', empty numbers where a channel is absent). */
    public void write(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(HEADER);
            w.write('\n');
            for (Row r : rows) {
                w.write(String.join(
                        ",",
                        quoted(r.image()),
                        r.defective() ? "1" : "0",
                        String.join(";", new java.util.TreeSet<>(r.types())),
                        number(r.score()),
                        number(r.threshold()),
                        r.flagged() ? "1" : "0",
                        number(r.tokenScore()),
                        number(r.tokenThreshold())));
                w.write('\n');
            }
        }
    }

    /** RFC 4180: a name with a comma, quote or line break goes in quotes, its quotes doubled. */
    static String quoted(String field) {
        return field.matches("[^,\"\r\n]*") ? field : '"' + field.replace("\"", "\"\"") + '"';
    }

    /** Enough digits to give back the float exactly. */
    private static String number(float v) {
        return Float.isNaN(v) ? "" : String.format(Locale.ROOT, "%.9g", v);
    }
}
