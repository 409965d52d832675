package io.ultraline.cli;

import io.ultraline.loadtest.LoadTestReport;
import io.ultraline.loadtest.LoadTestResult;
import io.ultraline.loadtest.LoadTestRunner;
import io.ultraline.loadtest.ProcessorLauncher;
import io.ultraline.loadtest.Scenario;
import io.ultraline.loadtest.ScenarioFile;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ultraline loadtest --scenario F [--out DIR]}: one load-test scenario, results JSON and plots. */
@Command(
        name = "loadtest",
        mixinStandardHelpOptions = true,
        description = "Runs a load-test scenario (load-test/scenarios/*.yaml): processor instances as separate JVMs, "
                + "an open-loop camera generator, latency, throughput, lag and memory each second, an optional "
                + "kill -9, and an exactly-once audit; writes results.json and PNG plots.")
final class LoadTestCommand implements Callable<Integer> {

    @Option(names = "--scenario", required = true, description = "scenario YAML file")
    Path scenarioFile;

    @Option(names = "--out", description = "output folder (default load-test/out/<scenario>-<time>)")
    Path out;

    @Override
    public Integer call() throws Exception {
        Scenario scenario = ScenarioFile.read(scenarioFile);
        Path dir = out != null
                ? out
                : Path.of(
                        "load-test",
                        "out",
                        scenario.name() + "-"
                                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        LoadTestResult r = new LoadTestRunner(scenario, ProcessorLauncher.serve(), dir, System.out).run();
        System.out.print(LoadTestReport.format(r));
        System.out.println("results: " + dir.resolve("results.json"));
        return r.exactlyOnce().exactlyOnce() ? 0 : 1;
    }
}
