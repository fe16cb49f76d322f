/**
 * The {@code mpmetrics} command: {@link io.mpmetrics.cli.Main} and one class per subcommand.
 * Every bad input (a missing, foreign, truncated or wrong-family file, a port in use) ends in
 * one line on stderr, {@code mpmetrics: <what>: <problem>}, and a non-zero exit code; set
 * {@code MPMETRICS_DEBUG=1} to get the stack trace too.
 */
package io.mpmetrics.cli;
