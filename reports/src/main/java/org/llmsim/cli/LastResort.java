package org.llmsim.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

import org.llmsim.report.StagedRun;

/**
 * What llmsim says when the Java runtime itself gives up: out of memory, or a stack overflow. One line with the
 * remedy instead of a stack trace, exit code 1. Run-size limits refuse most runs that would get here; this is what
 * is left (a heap smaller than the run needs).
 *
 * <p>The runs under way are abandoned before the line is printed, so that the output directories are as they were
 * (nothing for a first run); the line says so, and names a staging directory that could not be removed.
 */
final class LastResort {
    /** Composed when the class loads: once the heap is full, building a message may itself fail. */
    private static final String OUT_OF_MEMORY = outOfMemory(Runtime.getRuntime().maxMemory() >> 20);
    private static final String STACK_OVERFLOW = "llmsim: the input is nested too deeply to read (stack overflow); "
            + "flatten it, or give Java a larger stack with LLMSIM_JAVA_OPTS=-Xss16m";
    /** Held by the thread that reports; one that halts the process holds it until the end, so no line follows. */
    private static final Object REPORTING = new Object();
    /** Memory set aside at start and given back when the heap is full, so that cleaning up and the line fit. */
    private static volatile byte[] reserve = new byte[1 << 20];
    /** Whether the line was printed (by the command's thread): a thread that halts the process then stays silent. */
    private static volatile boolean reported;

    private LastResort() {
    }

    /**
     * Reports a resource error that reached the command's thread: abandons the runs under way and prints the one
     * line on {@code err}.
     */
    static void report(VirtualMachineError e, PrintWriter err) {
        synchronized (REPORTING) {
            err.println(lineAfterCleanUp(e));
            err.flush();
            reported = true;
        }
    }

    /**
     * Gives back the reserve, abandons the runs under way (removing their staging directories, and a directory a
     * first run created) and returns the line for {@code e}, followed by what became of the output.
     */
    private static String lineAfterCleanUp(VirtualMachineError e) {
        reserve = null;
        String line = message(e);
        try {
            List<String> notes = StagedRun.abandonAll();
            return notes.isEmpty() ? line : line + "; " + String.join("; ", notes);
        } catch (VirtualMachineError again) {
            return line; // the heap is still full: the line without the note is better than none
        }
    }

    /** The resource error in {@code t}'s chain of causes (a worker's error arrives wrapped), or null. */
    static VirtualMachineError resourceError(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof OutOfMemoryError || c instanceof StackOverflowError) {
                return (VirtualMachineError) c;
            }
        }
        return null;
    }

    /** The one line for a resource error. */
    static String message(VirtualMachineError e) {
        return e instanceof StackOverflowError ? STACK_OVERFLOW : OUT_OF_MEMORY;
    }

    static String outOfMemory(long maxMb) {
        long suggestGb = Math.max(2, 2 * ((maxMb + 1023) >> 10));
        return String.format(Locale.ROOT, "llmsim: out of memory (Java heap of %,d MB is full); give Java more with "
                + "LLMSIM_JAVA_OPTS=-Xmx%dg (the ./llmsim launcher passes it on), or make the run smaller (shorter "
                + "duration_s, a lower rate, fewer replications)", maxMb, suggestGb);
    }

    /**
     * Reports errors of threads other than the command's own in one line: out of memory abandons the runs under way
     * and ends the process with exit code 1 (the thread that failed may be one the command waits for); other errors
     * name the thread and the error, the stack trace only with {@code LLMSIM_DEBUG}.
     */
    static void install(PrintWriter err) {
        Handler handler = new Handler(err);
        handler.uncaughtExceptionLinked(); // loaded and linked now, not when memory has run out
        Thread.setDefaultUncaughtExceptionHandler(handler);
    }

    private static final class Handler implements Thread.UncaughtExceptionHandler {
        private final PrintWriter err;
        private final byte[] outOfMemory = (OUT_OF_MEMORY + System.lineSeparator()).getBytes(
                java.nio.charset.StandardCharsets.UTF_8);

        Handler(PrintWriter err) {
            this.err = err;
        }

        /** Touches what the handler uses, so that classes are loaded while memory is plentiful. */
        void uncaughtExceptionLinked() {
            resourceError(new OutOfMemoryError());
            Runtime.getRuntime();
            StagedRun.abandonAll();
        }

        @Override
        public void uncaughtException(Thread thread, Throwable e) {
            VirtualMachineError error = resourceError(e);
            if (error == null) {
                try {
                    err.println("llmsim: internal error in thread " + thread.getName() + ": " + e);
                    if (System.getenv("LLMSIM_DEBUG") != null) {
                        e.printStackTrace(err);
                    }
                    err.flush();
                    return;
                } catch (VirtualMachineError again) {
                    error = again; // saying so ran out of memory: the process has (e was a consequence)
                }
            }
            // several threads may run out at once: the first cleans up and speaks, then ends the process still
            // holding the lock; the others wait for that end. If the command's thread spoke already, the process
            // ends without a further word; if cleaning up or speaking fails, with the line composed at start
            synchronized (REPORTING) {
                try {
                    if (!reported) {
                        String line = lineAfterCleanUp(error);
                        err.println(line);
                        err.flush();
                    }
                } catch (Throwable again) {
                    try {
                        System.err.write(outOfMemory, 0, outOfMemory.length);
                        System.err.flush();
                    } catch (Throwable ignored) {
                        // nothing more can be said
                    }
                } finally {
                    Runtime.getRuntime().halt(Main.EXIT_FAILURE);
                }
            }
        }
    }
}
