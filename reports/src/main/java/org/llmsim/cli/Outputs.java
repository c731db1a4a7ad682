package org.llmsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

import org.llmsim.kernel.RunStopped;
import org.llmsim.kernel.StopRequest;
import org.llmsim.report.OutputDirectory;
import org.llmsim.report.SafeName;
import org.llmsim.report.StagedRun;
import org.llmsim.report.WriteFailure;

/**
 * Where a command's files go and how they get there: a default directory under {@code out/} named safely after the
 * scenario, and a {@link StagedRun} that the command commits when all its files are written, abandoned otherwise.
 */
final class Outputs {
    /** The parent of the default output directories. */
    static final Path ROOT = Path.of("out");

    private Outputs() {
    }

    /** The command's work: writes its files into {@code staged}, commits it, then prints; returns the exit code. */
    @FunctionalInterface
    interface Work {
        int run(StagedRun staged) throws IOException;
    }

    /** {@code out/<name>}, the name made a safe directory name; when it had to be changed, one line on err says so. */
    static Path defaultDirectory(String name, PrintWriter err) {
        SafeName safe = SafeName.of(name);
        Path dir = safe.under(ROOT);
        if (safe.changed()) {
            err.println("llmsim: writing to " + dir + "/ rather than a directory named " + SafeName.quote(name)
                    + ": " + safe.reason());
        }
        return dir;
    }

    /** A subdirectory name of the output directory for {@code name}, made safe as {@link #defaultDirectory}. */
    static String subdirectory(String name, PrintWriter err) {
        SafeName safe = SafeName.of(name);
        if (safe.changed()) {
            err.println("llmsim: writing to a directory " + safe.value() + "/ rather than " + SafeName.quote(name)
                    + ": " + safe.reason());
        }
        return safe.value();
    }

    /**
     * Runs {@code work} on a staged run of {@code dir}. If writing fails (a full disk, say: a checked
     * {@link IOException}, or a {@link WriteFailure} from a file written while the simulation runs), the run is
     * abandoned, one line on err says why and that the directory is as it was, and the exit code is 1; if the run is
     * stopped, {@link RunStopped} says what became of the directory. Any other failure abandons the run too, except
     * the runtime giving up (out of memory): the run stays registered for {@link LastResort}, which abandons it once
     * it has given memory back and says in its one line what became of the directory.
     */
    static int staged(OutputDirectory dir, PrintWriter err, Work work) {
        StagedRun staged = dir.stage();
        boolean forLastResort = false;
        try {
            return work.run(staged);
        } catch (IOException | WriteFailure e) {
            if (StopRequest.requested()) {
                // files vanish under a run being stopped: that is the stop, not a failure
                throw new RunStopped(staged.abandon());
            }
            IOException cause = e instanceof WriteFailure w ? w.getCause() : (IOException) e;
            String note = staged.abandon();
            err.println("llmsim: cannot write the results to " + dir.path() + ": " + StagedRun.reason(cause)
                    + (note == null ? "" : "; " + note));
            err.flush();
            return Main.EXIT_FAILURE;
        } catch (RunStopped e) {
            throw new RunStopped(staged.abandon());
        } catch (RuntimeException | Error e) {
            if (LastResort.resourceError(e) != null) {
                forLastResort = true;
                throw e;
            }
            String note = staged.abandon();
            if (staged.leftFiles()) {
                err.println("llmsim: " + note);
            }
            throw e;
        } finally {
            if (!forLastResort) {
                staged.close(); // a command that returned without committing wrote nothing
            }
        }
    }
}
