package org.llmsim.cli;

import java.io.PrintWriter;

import org.llmsim.kernel.RunStopped;
import org.llmsim.kernel.StopRequest;
import org.llmsim.scenario.InputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code llmsim}. */
@Command(name = "llmsim", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Discrete-event simulator of the latency and cost of serving large language models.",
        subcommands = {RunCommand.class, CompareCommand.class, ValidateCommand.class, CatalogCommand.class,
                CalibrateCommand.class, SweepCommand.class, CapacityCommand.class, PlanCommand.class, ModelCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        PrintWriter err = new PrintWriter(System.err, true);
        LastResort.install(err);
        Interruption.install();
        int code = execute(args, new PrintWriter(System.out, true), err);
        Interruption.finished();
        System.exit(code);
    }

    /** Runs a command line and returns its exit code; used by tests. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
            if (exception instanceof RunStopped || StopRequest.requested()) {
                Interruption.report(commandLine.getErr(), exception instanceof RunStopped ? exception.getMessage()
                        : null);
                return Interruption.EXIT_STOPPED;
            }
            if (exception instanceof InputException input) {
                commandLine.getErr().println(input.getMessage());
                return EXIT_BAD_INPUT;
            }
            if (LastResort.resourceError(exception) != null) {
                LastResort.report(LastResort.resourceError(exception), commandLine.getErr());
                return EXIT_FAILURE;
            }
            commandLine.getErr().println("llmsim: internal error: " + exception);
            if (System.getenv("LLMSIM_DEBUG") != null) {
                exception.printStackTrace(commandLine.getErr());
            } else {
                commandLine.getErr().println("(set LLMSIM_DEBUG=1 for the stack trace; please report this)");
            }
            return EXIT_FAILURE;
        });
        cli.setParameterExceptionHandler((ex, params) -> {
            CommandLine c = ex.getCommandLine();
            if (c.getParent() == null && ex instanceof CommandLine.UnmatchedArgumentException && params.length > 0
                    && !params[0].startsWith("-")) {
                c.getErr().println("llmsim: unknown command '" + params[0] + "'; commands: "
                        + String.join(", ", c.getSubcommands().keySet()));
                return EXIT_BAD_INPUT;
            }
            c.getErr().println("llmsim: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for the options.");
            return EXIT_BAD_INPUT;
        });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            LastResort.report(e, err);
            return EXIT_FAILURE;
        }
    }

    /** Version from the jar manifest, or "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"llmsim " + (v == null ? "0.1.0-dev" : v)};
        }
    }
}
