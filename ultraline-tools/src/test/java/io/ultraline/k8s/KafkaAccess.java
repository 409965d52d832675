package io.ultraline.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the processor does on Kafka, read from the generated topology description
 * (topology-docs/topology.txt, kept current by TopologyDocsTest), and whether a Strimzi KafkaUser's
 * simple-authorization ACLs allow it, as the broker would decide (literal and prefix patterns;
 * Read, Write, Delete and Alter imply Describe; AlterConfigs implies DescribeConfigs).
 */
final class KafkaAccess {

    private static final Pattern SOURCE = Pattern.compile("Source: \\S+ \\(topics: \\[([^]]*)]\\)");
    private static final Pattern SINK = Pattern.compile("Sink: \\S+ \\(topic: ([^)]*)\\)");
    private static final Pattern STORES = Pattern.compile("\\(stores: \\[([^]]+)]\\)");

    /** Topic names as the topology names them (no prefix); repartition topics without the application id. */
    record Topology(Set<String> inputs, Set<String> outputs, Set<String> repartitions, Set<String> stores) {

        static Topology read(Path description) {
            String text;
            try {
                text = Files.readString(description);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Set<String> inputs = new LinkedHashSet<>();
            Set<String> outputs = new LinkedHashSet<>();
            Set<String> repartitions = new LinkedHashSet<>();
            Set<String> stores = new LinkedHashSet<>();
            for (Matcher m = SOURCE.matcher(text); m.find(); ) {
                for (String t : m.group(1).split(",\\s*")) {
                    (t.endsWith("-repartition") ? repartitions : inputs).add(t);
                }
            }
            for (Matcher m = SINK.matcher(text); m.find(); ) {
                (m.group(1).endsWith("-repartition") ? repartitions : outputs).add(m.group(1));
            }
            for (Matcher m = STORES.matcher(text); m.find(); ) {
                stores.addAll(List.of(m.group(1).split(",\\s*")));
            }
            return new Topology(inputs, outputs, repartitions, stores);
        }
    }

    private KafkaAccess() {}

    /**
     * What {@code user} lacks to run the topology under exactly_once_v2 as application
     * {@code applicationId} with topic prefix {@code prefix}, plus grants it should not have.
     *
     * @param allTopics every pipeline topic (unprefixed): the start-up check lists and describes them
     * @param limited   output topics whose max.message.bytes the start-up check reads
     */
    static List<String> problems(
            JsonNode user,
            Topology topology,
            String applicationId,
            String prefix,
            List<String> allTopics,
            List<String> limited) {
        List<String> problems = new ArrayList<>();
        for (String t : topology.inputs()) {
            need(problems, user, "topic", prefix + t, "Read");
            if (allows(user, "topic", prefix + t, "Write")) {
                problems.add("topic " + prefix + t + " is an input: Write is not needed");
            }
        }
        for (String t : topology.outputs()) {
            need(problems, user, "topic", prefix + t, "Write");
        }
        for (String t : allTopics) {
            need(problems, user, "topic", prefix + t, "Describe");
        }
        for (String t : limited) {
            need(problems, user, "topic", prefix + t, "DescribeConfigs");
        }
        List<String> internal = new ArrayList<>();
        topology.stores().forEach(s -> internal.add(applicationId + "-" + s + "-changelog"));
        topology.repartitions().forEach(r -> internal.add(applicationId + "-" + r));
        for (String t : internal) {
            for (String op : List.of("Create", "Read", "Write", "Delete", "Describe", "DescribeConfigs")) {
                need(problems, user, "topic", t, op);
            }
        }
        need(problems, user, "group", applicationId, "Read");
        // exactly_once_v2: transactional.id = <application.id>-<process UUID>-<thread index>
        need(problems, user, "transactionalId", applicationId + "-0b2f3c4d-5e6f-4a1b-8c9d-0e1f2a3b4c5d-1", "Write");
        for (JsonNode acl : user.at("/spec/authorization/acls")) {
            String name = acl.at("/resource/name").asText();
            if (name.equals("*")
                    || acl.path("operations").toString().contains("\"All\"")
                    || acl.path("type").asText("allow").equals("allow")
                            && acl.at("/resource/patternType").asText().equals("prefix")
                            && name.length() <= 1) {
                problems.add("ACL " + acl + " grants more than the pipeline needs");
            }
        }
        return problems;
    }

    private static void need(List<String> problems, JsonNode user, String type, String name, String op) {
        if (!allows(user, type, name, op)) {
            problems.add("no " + op + " on " + type + " " + name);
        }
    }

    static boolean allows(JsonNode user, String type, String name, String operation) {
        for (JsonNode acl : user.at("/spec/authorization/acls")) {
            JsonNode r = acl.path("resource");
            if (!r.path("type").asText().equals(type)
                    || acl.path("type").asText("allow").equals("deny")) {
                continue;
            }
            String pattern = r.path("name").asText();
            boolean prefix = r.path("patternType").asText("literal").equals("prefix");
            boolean named = type.equals("cluster") || (prefix ? name.startsWith(pattern) : name.equals(pattern));
            if (named && grants(acl.path("operations"), operation)) {
                return true;
            }
        }
        return false;
    }

    private static boolean grants(JsonNode operations, String wanted) {
        for (JsonNode op : operations) {
            String o = op.asText();
            if (o.equals(wanted)
                    || o.equals("All")
                    || wanted.equals("Describe")
                            && Set.of("Read", "Write", "Delete", "Alter").contains(o)
                    || wanted.equals("DescribeConfigs") && o.equals("AlterConfigs")) {
                return true;
            }
        }
        return false;
    }
}
