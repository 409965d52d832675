package io.ultraline.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The summary table of {@code topology-docs/topics.md}: per topic its cleanup policy, retention in
 * days (for delete topics) and partition count ("P" is the count given on the line.frames row).
 */
final class TopicsDoc {

    /** One row of the table. */
    record Topic(String name, String cleanup, Integer retentionDays, int partitions) {}

    private static final Pattern DAYS = Pattern.compile("^(\\d+) days?");
    private static final Pattern P_VALUE = Pattern.compile("P\\s*=\\s*(\\d+)");

    private TopicsDoc() {}

    static List<Topic> read(Path topicsMd) {
        List<String> lines;
        try {
            lines = Files.readAllLines(topicsMd);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String[]> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : lines) {
            if (line.startsWith("| Topic |")) {
                inTable = true;
            } else if (inTable && line.startsWith("|---")) {
                continue;
            } else if (inTable && line.startsWith("|")) {
                String[] cells = line.substring(1, line.length() - 1).split("\\|");
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = cells[i].trim();
                }
                rows.add(cells);
            } else if (inTable) {
                break;
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalStateException(topicsMd + ": no summary table (a header row starting '| Topic |')");
        }
        Integer p = null;
        for (String[] r : rows) {
            Matcher m = P_VALUE.matcher(r[5]);
            if (m.find()) {
                p = Integer.valueOf(m.group(1));
            }
        }
        if (p == null) {
            throw new IllegalStateException(topicsMd + ": no row says P = <count>");
        }
        List<Topic> topics = new ArrayList<>();
        for (String[] r : rows) {
            String name = r[0];
            String cleanup = r[3];
            Matcher days = DAYS.matcher(r[4]);
            Integer retention = days.find() ? Integer.valueOf(days.group(1)) : null;
            String partitions = r[5];
            int count =
                    partitions.startsWith("P") ? p : Integer.parseInt(partitions.split("\\s")[0]);
            topics.add(new Topic(name, cleanup, retention, count));
        }
        return topics;
    }
}
