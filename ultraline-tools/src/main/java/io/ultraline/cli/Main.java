package io.ultraline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ultraline}: the command line of the camera-line inspection service. */
// INHERIT: every subcommand, at every level, answers --help and --version and shows its defaults
@Command(
        name = "ultraline",
        mixinStandardHelpOptions = true,
        version = "ultraline " + Main.VERSION,
        scope = CommandLine.ScopeType.INHERIT,
        showDefaultValues = true,
        description = "Camera-line inspection with ULTra explanations of a Vision Transformer.",
        subcommands = {
            ServeCommand.class,
            DemoCommand.class,
            ProduceCommand.class,
            CalibrationCommandLine.class,
            FeedbackCommand.class,
            ProfileCommand.class,
            ModelCommand.class,
            ExplainCommand.class,
            ExplainFrameCommand.class,
            CalibrateCommand.class,
            InspectCommand.class,
            EvaluateCommand.class,
            BenchCommand.class,
            DatasetCommand.class,
            AlertsCommand.class,
            AuditCommand.class,
            LoadTestCommand.class,
            SchemasCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main {

    /** Version of the ultraline code; stamped on every output as the pipeline version. */
    public static final String VERSION = "0.8.1";

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (for tests). */
    public static int run(String... args) {
        String badLogFormat = LogFormat.problem(LogFormat.configured());
        if (badLogFormat != null) {
            System.err.println("error: " + badLogFormat);
            return 2;
        }
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, line, parse) -> {
            line.getErr().println("error: " + ex.getMessage());
            if (Boolean.getBoolean("ultraline.debug")) {
                ex.printStackTrace(line.getErr());
            }
            return 2;
        });
        return cl.execute(args);
    }
}
