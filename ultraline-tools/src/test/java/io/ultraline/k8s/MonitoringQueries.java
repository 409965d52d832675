package io.ultraline.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The PromQL expressions of k8s/monitoring: the dashboard's panel targets and the alert rules. */
final class MonitoringQueries {

    private MonitoringQueries() {}

    static Path dashboard() {
        return K8sTree.k8s("monitoring/dashboards/ultraline.json");
    }

    /** Expression by where it is ("dashboard panel 'Throughput' A", "rule UltralineNotReady"). */
    static Map<String, String> all() {
        Map<String, String> out = new LinkedHashMap<>();
        out.putAll(dashboardTargets(readJson(dashboard())));
        for (ObjectNode o : K8sTree.render("monitoring")) {
            if (o.path("kind").asText().equals("PrometheusRule")) {
                out.putAll(rules(o));
            }
        }
        return out;
    }

    static Map<String, String> dashboardTargets(JsonNode dashboard) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode t : panel.path("targets")) {
                out.put(
                        "dashboard panel '" + panel.path("title").asText() + "' "
                                + t.path("refId").asText(),
                        t.path("expr").asText());
            }
        }
        return out;
    }

    static Map<String, String> rules(JsonNode prometheusRule) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode g : prometheusRule.path("spec").path("groups")) {
            for (JsonNode r : g.path("rules")) {
                out.put(
                        "rule " + r.path("alert").asText(r.path("record").asText()),
                        r.path("expr").asText());
            }
        }
        return out;
    }

    /** Every metric name the expressions read. */
    static Set<String> metricNames(Map<String, String> expressions) {
        Set<String> names = new TreeSet<>();
        expressions.values().forEach(e -> names.addAll(PromQlNames.of(e)));
        return names;
    }

    /** The sample names of a Prometheus text exposition (comments skipped). */
    static Set<String> exposedNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            names.add(line.substring(0, end));
        }
        return names;
    }

    private static JsonNode readJson(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }
}
