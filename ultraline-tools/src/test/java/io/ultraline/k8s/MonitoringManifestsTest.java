package io.ultraline.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * k8s/monitoring: the PromQL name extraction, the dashboard's coverage, the rules' runbook links.
 * That every name exists in a running service's output is {@code MonitoringMetricsIT}.
 */
class MonitoringManifestsTest {

    @Test
    void metricNamesAreTheIdentifiersThatAreNeitherFunctionsNorLabels() {
        assertThat(PromQlNames.of(
                        "histogram_quantile(0.99, sum by (le) (rate(a_seconds_bucket{job=\"x_total\"}[5m])))"))
                .containsExactly("a_seconds_bucket");
        assertThat(PromQlNames.of("sum(rate(b_total[$__rate_interval])) / sum (c_count offset 1h) > 1e3 and on(pod) d"))
                .containsExactly("b_total", "c_count", "d");
        assertThat(PromQlNames.of("absent(up) or count(e{state=\"U\"} == 1) unless bool f"))
                .containsExactly("e", "f", "up");
        assertThat(PromQlNames.of("max without (client_id) (g:recorded:rate5m) * 100 / ${scale}"))
                .containsExactly("g:recorded:rate5m");
    }

    @Test
    void theDashboardShowsWhatOperatorsLookForFirst() {
        Set<String> names = MonitoringQueries.metricNames(MonitoringQueries.dashboardTargets(dashboard()));
        assertThat(names)
                .contains(
                        "ultraline_frames_in_total",
                        "ultraline_verdicts_total",
                        "ultraline_capture_to_verdict_seconds_bucket",
                        "kafka_consumer_fetch_manager_records_lag",
                        "ultraline_dead_letters_total",
                        "ultraline_model_batch_seconds_bucket",
                        "ultraline_defect_ratio",
                        "ultraline_alerts_open",
                        "process_resident_memory_bytes");
        Set<String> uids = new TreeSet<>();
        dashboard()
                .path("panels")
                .forEach(p -> assertThat(uids.add(p.path("id").asText()))
                        .as("panel ids unique")
                        .isTrue());
    }

    @Test
    void theDashboardShipsAsTheConfigMapGrafanasSidecarLooksFor() throws IOException {
        ObjectNode cm = DeploymentContract.one(K8sTree.render("monitoring"), "ConfigMap", "ultraline-dashboard");
        assertThat(cm.at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("1");
        assertThat(cm.at("/data/ultraline.json").asText()).isEqualTo(Files.readString(MonitoringQueries.dashboard()));
    }

    @Test
    void everyAlertLinksARunbookSectionThatExists() throws IOException {
        assertThat(runbookProblems(rule())).isEmpty();
        assertThat(MonitoringQueries.rules(rule()).keySet())
                .contains(
                        "rule UltralineDeadLetters",
                        "rule UltralineNotReady",
                        "rule UltralineCaptureToVerdictSlow",
                        "rule UltralineConsumerLag",
                        "rule UltralineModelFailures");
    }

    @Test
    void catchesAnAlertWithoutRunbookOrWithAMissingSection() throws IOException {
        ObjectNode rule = rule();
        ObjectNode first = (ObjectNode) rule.at("/spec/groups/0/rules/0/annotations");
        first.remove("runbook_url");
        ObjectNode second = (ObjectNode) rule.at("/spec/groups/0/rules/1/annotations");
        second.put("runbook_url", "docs/runbook.md#no-such-section");
        assertThat(runbookProblems(rule))
                .anySatisfy(s -> assertThat(s).contains("has no runbook_url"))
                .anySatisfy(s -> assertThat(s).contains("#no-such-section"));
    }

    private static List<String> runbookProblems(ObjectNode prometheusRule) throws IOException {
        Set<String> anchors = new TreeSet<>();
        for (String line : Files.readAllLines(K8sTree.root().resolve("docs/runbook.md"))) {
            if (line.startsWith("#")) {
                // GitHub's anchor: lower case, punctuation dropped, spaces to hyphens
                anchors.add(line.replaceFirst("^#+\\s*", "")
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9 _-]", "")
                        .replace(' ', '-'));
            }
        }
        List<String> problems = new ArrayList<>();
        for (JsonNode g : prometheusRule.at("/spec/groups")) {
            for (JsonNode r : g.path("rules")) {
                String name = r.path("alert").asText();
                String url = r.at("/annotations/runbook_url").asText();
                if (url.isEmpty()) {
                    problems.add(name + " has no runbook_url");
                } else if (!url.startsWith("docs/runbook.md#")
                        || !anchors.contains(url.substring(url.indexOf('#') + 1))) {
                    problems.add(name + ": " + url + " is not a section of docs/runbook.md " + anchors);
                }
            }
        }
        return problems;
    }

    private static ObjectNode rule() {
        return DeploymentContract.one(K8sTree.render("monitoring"), "PrometheusRule", "ultraline");
    }

    private static JsonNode dashboard() {
        try {
            return new ObjectMapper().readTree(MonitoringQueries.dashboard().toFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
