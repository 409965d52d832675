package io.ultraline.stream;

/** The version of the pipeline code, stamped on every output record ({@code pipelineVersion}). */
public final class PipelineVersion {

    /** Kept equal to {@code io.ultraline.cli.Main.VERSION} (a test checks it). */
    public static final String CURRENT = "0.8.1";

    private PipelineVersion() {}
}
