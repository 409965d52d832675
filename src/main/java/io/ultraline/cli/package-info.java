/**
 * Command-line entry points ({@code ./ultraline <command>}): thin picocli commands that parse
 * options and hand over to the domain packages.
 */
package io.ultraline.cli;
