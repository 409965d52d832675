/**
 * Command-line entry points ({@code ./ultraline <command>}): thin picocli commands that parse
 * options and hand over to the domain packages, plus what only the command line needs: the demo
 * wiring ({@link io.ultraline.cli.Demo}, the service around an embedded broker, registry and camera
 * simulator), progress on stderr and {@code --json} targets.
 */
package io.ultraline.cli;
