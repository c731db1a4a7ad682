package org.llmsim.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.llmsim.kernel.ExperimentRunner;

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

    private ProgressLine(PrintWriter err, ExperimentRunner runner, String label) {
        this.err = err;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "llmsim-progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> draw(runner, label), FIRST_DRAW_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    /** Starts a progress line over the runs of {@code runner}, or a no-op when {@code enabled} is false. */
    static AutoCloseable start(boolean enabled, PrintWriter err, ExperimentRunner runner, String label) {
        if (!enabled) {
            return () -> {
            };
        }
        return new ProgressLine(err, runner, label);
    }

    private void draw(ExperimentRunner runner, String label) {
        int total = runner.totalRuns();
        if (total == 0) {
            return;
        }
        String line = render(label, runner.progress(), runner.finishedRuns(), total, runner.simulatedS(),
                runner.events(), (System.nanoTime() - startNs) / 1e9);
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
        int filled = (int) Math.round(f * BAR_WIDTH);
        String bar = "=".repeat(filled) + (filled < BAR_WIDTH ? ">" : "")
                + " ".repeat(Math.max(0, BAR_WIDTH - filled - 1));
        String where = total == 1 ? String.format(Locale.ROOT, "t=%,.0f s", simulatedS)
                : String.format(Locale.ROOT, "%d/%d runs", finished, total);
        String eta = f > 0.01 && f < 1 ? String.format(Locale.ROOT, "ETA %s",
                eta(elapsedS * (1 - f) / f)) : f >= 1 && finished < total ? "draining" : "";
        return String.format(Locale.ROOT, "%s [%s] %3.0f%%  %s  %,.1fM events (%,.1fM/s)  %s", label, bar, f * 100,
                where, events / 1e6, events / 1e6 / Math.max(elapsedS, 1e-9), eta).stripTrailing() + "  ";
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
        if (drawnWidth > 0) {
            synchronized (err) {
                err.print("\r" + " ".repeat(drawnWidth) + "\r");
                err.flush();
            }
        }
    }
}
