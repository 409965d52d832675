package io.ultraline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ultraline explain}: placeholder until the ULTra segmentation lands (same issue). */
@Command(name = "explain", mixinStandardHelpOptions = true, description = "Explain one image (concept overlay).")
final class ExplainCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("explain is not wired yet");
    }
}
