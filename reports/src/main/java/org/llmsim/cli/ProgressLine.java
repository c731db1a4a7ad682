package org.llmsim.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.llmsim.jobs.JobEngine;
import org.llmsim.simulation.ExperimentRunner;

/**
 * A one-line progress bar on the terminal for work longer than a second: share done, simulated time (one run) or
 * runs finished (several), event rate and ETA. Drawn from a background thread reading the runner's progress
 * counters; nothing is printed when stderr is not a terminal, so logs and pipes stay clean.
 */
final class ProgressLine implements AutoCloseable {
    private static final long FIRST_DRAW_MS = 1000;
    private static final long PERIOD_MS = 200;
    private static final int BAR_WIDTH = 24;

    private final ScheduledExecutorService timer;
    private final PrintWriter err;
    private final long startNs = System.nanoTime();
    private volatile int drawnWidth;
    /** The line on screen, if any, for a stop to erase before it says so. */
    private static volatile ProgressLine current;

    private ProgressLine(PrintWriter err, java.util.function.DoubleFunction<String> frame) {
        this.err = err;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "llmsim-progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> draw(frame), FIRST_DRAW_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
        current = this;
    }

    /** Stops and erases the progress line on screen, if there is one (without waiting for its thread). */
    static void erase() {
        ProgressLine line = current;
        if (line != null) {
            line.timer.shutdownNow();
            line.clear();
        }
    }

    /** Starts a progress line over the runs of {@code runner}, or a no-op when {@code enabled} is false. */
    static AutoCloseable start(boolean enabled, PrintWriter err, ExperimentRunner runner, String label) {
        if (!enabled) {
            return () -> {
            };
        }
        return new ProgressLine(err, elapsedS -> runner.totalRuns() == 0 ? null : render(label, runner.progress(),
                runner.finishedRuns(), runner.totalRuns(), runner.simulatedS(), runner.events(), elapsedS));
    }

    /**
     * Starts a progress line over the jobs of {@code engine} (jobs finished of jobs started; an engine that cannot
     * count them draws nothing), or a no-op when {@code enabled} is false.
     */
    static AutoCloseable start(boolean enabled, PrintWriter err, JobEngine engine, String label) {
        if (!enabled) {
            return () -> {
            };
        }
        return new ProgressLine(err, elapsedS -> engine.totalJobs() <= 0 || engine.finishedJobs() < 0 ? null
                : renderJobs(label + " on " + engine.name(), engine.finishedJobs(), engine.totalJobs(), elapsedS));
    }

    private void draw(java.util.function.DoubleFunction<String> frame) {
        String line = frame.apply((System.nanoTime() - startNs) / 1e9);
        if (line == null) {
            return;
        }
        synchronized (err) {
            err.print("\r" + line);
            err.flush();
        }
        drawnWidth = Math.max(drawnWidth, line.length());
    }

    /**
     * One frame of the bar: {@code label [=====>    ]  42%  t=252 s  1.2M events (3.1M/s)  ETA 3 s} for one run,
     * {@code ... 3/8 runs ...} for several.
     */
    static String render(String label, double fraction, int finished, int total, double simulatedS, long events,
            double elapsedS) {
        double f = Math.max(0, Math.min(1, fraction));
        String bar = bar(f);
        String where = total == 1 ? String.format(Locale.ROOT, "t=%,.0f s", simulatedS)
                : String.format(Locale.ROOT, "%d/%d runs", finished, total);
        String eta = f > 0.01 && f < 1 ? String.format(Locale.ROOT, "ETA %s",
                eta(elapsedS * (1 - f) / f)) : f >= 1 && finished < total ? "draining" : "";
        return String.format(Locale.ROOT, "%s [%s] %3.0f%%  %s  %,.1fM events (%,.1fM/s)  %s", label, bar, f * 100,
                where, events / 1e6, events / 1e6 / Math.max(elapsedS, 1e-9), eta).stripTrailing() + "  ";
    }

    /** One frame over jobs: {@code label [=====>    ]  42%  27/64 jobs  ETA 12 s}. */
    static String renderJobs(String label, int finished, int total, double elapsedS) {
        double f = Math.max(0, Math.min(1, finished / (double) total));
        String bar = bar(f);
        String eta = f > 0 && f < 1 ? "ETA " + eta(elapsedS * (1 - f) / f) : "";
        return String.format(Locale.ROOT, "%s [%s] %3.0f%%  %d/%d jobs  %s", label, bar, f * 100, finished, total,
                eta).stripTrailing() + "  ";
    }

    private static String bar(double fraction) {
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        return "=".repeat(filled) + (filled < BAR_WIDTH ? ">" : "") + " ".repeat(Math.max(0, BAR_WIDTH - filled - 1));
    }

    /** Runs {@code work} with a progress line over {@code engine}'s jobs. */
    static <T> T around(boolean enabled, PrintWriter err, JobEngine engine, String label,
            java.util.function.Supplier<T> work) {
        try (AutoCloseable line = start(enabled, err, engine, label)) {
            return work.get();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String eta(double seconds) {
        if (seconds < 90) {
            return String.format(Locale.ROOT, "%.0f s", seconds);
        }
        return String.format(Locale.ROOT, "%.0f min", seconds / 60);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        clear();
        if (current == this) {
            current = null;
        }
    }

    private void clear() {
        if (drawnWidth > 0) {
            synchronized (err) {
                err.print("\r" + " ".repeat(drawnWidth) + "\r");
                err.flush();
            }
            drawnWidth = 0;
        }
    }
}
