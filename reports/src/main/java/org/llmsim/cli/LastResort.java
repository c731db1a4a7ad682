package org.llmsim.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * What llmsim says when the Java runtime itself gives up: out of memory, or a stack overflow. One line with the
 * remedy instead of a stack trace, exit code 1. Run-size limits refuse most runs that would get here; this is what
 * is left (a heap smaller than the run needs).
 */
final class LastResort {
    /** Composed when the class loads: once the heap is full, building a message may itself fail. */
    private static final String OUT_OF_MEMORY = outOfMemory(Runtime.getRuntime().maxMemory() >> 20);
    private static final String STACK_OVERFLOW = "llmsim: the input is nested too deeply to read (stack overflow); "
            + "flatten it, or give Java a larger stack with LLMSIM_JAVA_OPTS=-Xss16m";

    private LastResort() {
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
     * Reports errors of threads other than the command's own in one line: out of memory ends the process with exit
     * code 1 (the thread that failed may be one the command waits for); other errors name the thread and the error,
     * the stack trace only with {@code LLMSIM_DEBUG}.
     */
    static void install(PrintWriter err) {
        Handler handler = new Handler(err);
        handler.uncaughtExceptionLinked(); // loaded and linked now, not when memory has run out
        Thread.setDefaultUncaughtExceptionHandler(handler);
    }

    private static final class Handler implements Thread.UncaughtExceptionHandler {
        private final PrintWriter err;
        /** Memory set aside at start and given back when the heap is full, so that the message can be written. */
        private byte[] reserve = new byte[1 << 20];
        private final byte[] outOfMemory = (OUT_OF_MEMORY + System.lineSeparator()).getBytes(
                java.nio.charset.StandardCharsets.UTF_8);

        Handler(PrintWriter err) {
            this.err = err;
        }

        /** Touches what the handler uses, so that classes are loaded while memory is plentiful. */
        void uncaughtExceptionLinked() {
            resourceError(new OutOfMemoryError());
            Runtime.getRuntime();
        }

        @Override
        public void uncaughtException(Thread thread, Throwable e) {
            if (resourceError(e) != null) {
                // several threads may run out at once: the first gives the reserve back and speaks; the others, and
                // any error the handler itself meets with a full heap, end the process without a word of their own
                try {
                    reserve = null;
                    synchronized (Handler.class) {
                        System.err.write(outOfMemory, 0, outOfMemory.length);
                        System.err.flush();
                    }
                } catch (Throwable ignored) {
                    // nothing more can be said
                } finally {
                    Runtime.getRuntime().halt(Main.EXIT_FAILURE);
                }
            }
            err.println("llmsim: internal error in thread " + thread.getName() + ": " + e);
            if (System.getenv("LLMSIM_DEBUG") != null) {
                e.printStackTrace(err);
            }
            err.flush();
        }
    }
}
