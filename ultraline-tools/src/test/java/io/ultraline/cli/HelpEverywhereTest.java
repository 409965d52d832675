package io.ultraline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command, groups included ({@code alerts}, {@code model}, {@code bench}), answers --help. */
class HelpEverywhereTest {

    private static void collect(CommandLine cl, List<String> path, List<List<String>> out) {
        out.add(path);
        for (Map.Entry<String, CommandLine> sub : cl.getSubcommands().entrySet()) {
            if (!sub.getValue().getCommandSpec().aliases().equals(List.of())
                    && !sub.getKey().equals(sub.getValue().getCommandName())) {
                continue; // an alias of a command already listed
            }
            List<String> next = new ArrayList<>(path);
            next.add(sub.getKey());
            collect(sub.getValue(), next, out);
        }
    }

    @Test
    void everyCommandAnswersHelpWithItsUsage() {
        List<List<String>> paths = new ArrayList<>();
        collect(new CommandLine(new Main()), List.of(), paths);
        assertThat(paths)
                .as("commands found")
                .hasSizeGreaterThan(15)
                .contains(List.of("alerts"), List.of("model"), List.of("bench"), List.of("dataset"));
        for (List<String> path : paths) {
            CommandLine cl = new CommandLine(new Main());
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(err));
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            int code = cl.execute(args.toArray(String[]::new));
            assertThat(err.toString()).as("stderr of %s --help", path).isEmpty();
            assertThat(code).as("exit code of %s --help", path).isZero();
            assertThat(out.toString())
                    .as("usage of %s", path)
                    .contains("Usage: ultraline" + (path.isEmpty() ? "" : " " + String.join(" ", path)));
        }
    }

    @Test
    void optionsShowTheirDefaults() {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out));
        cl.execute("model", "train", "--help");
        assertThat(out.toString()).contains("Default: wood-grain,terrazzo");
    }
}
