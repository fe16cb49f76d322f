package io.mpmetrics.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * The {@code mpmetrics} command: {@code demo}, {@code serve}, {@code dump} and {@code inspect}.
 * The {@code ./mpmetrics} launcher at the repository root builds the jars if needed and runs
 * this class with {@code JAVA_OPTS}.
 *
 * <pre>
 * ./mpmetrics demo --workers 2 --seconds 10
 * ./mpmetrics inspect --file /dev/shm/mpmetrics-$USER/app.mpm
 * JAVA_OPTS=-Dmpmetrics.backend=locking ./mpmetrics demo
 * </pre>
 *
 * <p>Exit codes: {@value #OK} done; {@value #FAILED} bad input or a failure, reported as one line
 * {@code mpmetrics: <what>: <problem>} on stderr; {@value #USAGE} a command-line mistake;
 * {@value #LOST} the demo found fewer requests in the file than its workers counted.
 */
@Command(name = "mpmetrics", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Prometheus metrics that several JVM processes update together in one memory-mapped file.",
        subcommands = {DemoCommand.class, ServeCommand.class, DumpCommand.class, InspectCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"",
                "Environment:",
                "  JAVA_OPTS        options for every JVM started (the demo's workers too),",
                "                   e.g. JAVA_OPTS=-Dmpmetrics.backend=locking",
                "  MPMETRICS_DEBUG  set to 1 to print stack traces with errors",
                "Exit codes: 0 ok, 1 error, 2 usage, 3 the demo lost requests."})
public final class Main implements Callable<Integer> {
    /** Success. */
    public static final int OK = 0;
    /** Bad input or a failure (the one-line message says which). */
    public static final int FAILED = 1;
    /** A command-line mistake (unknown option, missing value). */
    public static final int USAGE = 2;
    /** The demo read fewer (or more) requests from the file than its workers reported. */
    public static final int LOST = 3;

    @Spec
    CommandSpec spec;

    private Main() {
    }

    /** Runs the command line and exits with its code (unless it is 0 and threads still run). */
    public static void main(String[] args) {
        int code = run(args);
        System.exit(code);
    }

    /** Runs the command line and returns the exit code. */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            Errors.report(cmd.getErr(), e);
            return e instanceof CliException ? ((CliException) e).exitCode() : FAILED;
        });
        cl.setParameterExceptionHandler((e, args1) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("mpmetrics: " + Errors.oneLine(e.getMessage()));
            String name = e.getCommandLine().getCommandSpec().qualifiedName();
            err.println("Try '" + name + " --help' for more information.");
            err.flush();
            return USAGE;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: choose one of demo, serve, dump, inspect");
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"mpmetrics " + (v == null ? "(unknown version)" : v)
                    + " on Java " + System.getProperty("java.version")};
        }
    }
}
