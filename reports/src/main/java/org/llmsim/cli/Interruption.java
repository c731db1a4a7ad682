package org.llmsim.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.llmsim.kernel.StopRequest;
import org.llmsim.report.StagedRun;

/**
 * Ctrl-C and termination signals. The JVM answers SIGINT and SIGTERM by running its shutdown hooks and exiting with
 * 128 + the signal (130, 143); this class's hook asks the runs to stop, abandons the files of runs under way (the
 * output directories stay as they were) and prints one line. It never waits for a run: a run that is stuck (a
 * trace read from a pipe that stays silent) does not keep the process alive.
 */
final class Interruption {
    /** Exit code of a run stopped by a request in the process rather than by a signal (that of SIGINT). */
    static final int EXIT_STOPPED = 130;
    private static final AtomicBoolean REPORTED = new AtomicBoolean();
    private static volatile boolean finished;

    private Interruption() {
    }

    /** Installs the shutdown hook; for the process's entry point only, not for commands run in tests. */
    static void install() {
        Runtime.getRuntime().addShutdownHook(new Thread(Interruption::onShutdown, "llmsim-stop"));
    }

    /** The command ended on its own: the exit that follows is not an interruption. */
    static void finished() {
        finished = true;
    }

    private static void onShutdown() {
        if (finished) {
            return;
        }
        StopRequest.request();
        List<String> notes = StagedRun.abandonAll();
        report(new PrintWriter(System.err, true), notes.isEmpty() ? null : String.join("; ", notes));
    }

    /** The one line that says the run was stopped and what became of its output; printed once per process. */
    static void report(PrintWriter err, String note) {
        if (REPORTED.compareAndSet(false, true)) {
            ProgressLine.erase();
            err.println("llmsim: stopped" + (note == null ? "" : "; " + note));
            err.flush();
        }
    }
}
