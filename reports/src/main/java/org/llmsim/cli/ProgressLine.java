package org.llmsim.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on the terminal for runs longer than a second: simulated time, event rate and ETA. Drawn
 * from a background thread reading the simulation's progress counters; nothing is printed when stderr is not a
 * terminal, so logs and pipes stay clean.
 */
final class ProgressLine implements AutoCloseable {
    private static final long FIRST_DRAW_MS = 1000;
    private static final long PERIOD_MS = 200;

    private final ScheduledExecutorService timer;
    private final PrintWriter err;
    private final long startNs = System.nanoTime();
    private volatile boolean drawn;

    private ProgressLine(PrintWriter err, DoubleSupplier fraction, DoubleSupplier simulatedS, LongSupplier events,
            String label) {
        this.err = err;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "llmsim-progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> draw(fraction.getAsDouble(), simulatedS.getAsDouble(), events.getAsLong(),
                label), FIRST_DRAW_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    /** Starts a progress line, or a no-op when {@code enabled} is false. */
    static AutoCloseable start(boolean enabled, PrintWriter err, DoubleSupplier fraction, DoubleSupplier simulatedS,
            LongSupplier events, String label) {
        if (!enabled) {
            return () -> {
            };
        }
        return new ProgressLine(err, fraction, simulatedS, events, label);
    }

    private void draw(double fraction, double simulatedS, long events, String label) {
        double elapsed = (System.nanoTime() - startNs) / 1e9;
        int width = 28;
        int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * width);
        String bar = "=".repeat(filled) + (filled < width ? ">" : "") + " ".repeat(Math.max(0, width - filled - 1));
        String eta = fraction > 0.01 && fraction < 1 ? String.format(Locale.ROOT, "ETA %.0f s",
                elapsed * (1 - fraction) / fraction) : "draining";
        String line = String.format(Locale.ROOT, "\r%s [%s] %3.0f%%  t=%,.0f s  %,.1fM events (%,.1fM/s)  %s   ",
                label, bar, fraction * 100, simulatedS, events / 1e6, events / 1e6 / Math.max(elapsed, 1e-9), eta);
        synchronized (err) {
            err.print(line);
            err.flush();
        }
        drawn = true;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (drawn) {
            synchronized (err) {
                err.print("\r" + " ".repeat(100) + "\r");
                err.flush();
            }
        }
    }
}
