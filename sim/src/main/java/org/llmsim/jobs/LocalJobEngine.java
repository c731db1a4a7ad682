package org.llmsim.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.llmsim.kernel.Futures;

/**
 * The default engine: a fixed pool of threads, one per available core unless told otherwise, in this JVM. Needs
 * nothing beyond the core jar.
 */
public final class LocalJobEngine implements JobEngine {
    public static final String NAME = "local";
    private final ExecutorService executor;
    private final AtomicInteger finished = new AtomicInteger();
    private volatile int total;

    /** A pool of {@code threads} workers. */
    public LocalJobEngine(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        AtomicInteger number = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "llmsim-job-" + number.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** A pool of one worker per available core. */
    public LocalJobEngine() {
        this(Runtime.getRuntime().availableProcessors());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<JobResult> run(List<SimJob> jobs) {
        finished.set(0);
        total = jobs.size();
        List<Future<JobResult>> futures = new ArrayList<>(jobs.size());
        for (SimJob job : jobs) {
            futures.add(executor.submit(() -> {
                try {
                    return job.run();
                } finally {
                    finished.incrementAndGet();
                }
            }));
        }
        return List.copyOf(Futures.awaitInOrder(futures));
    }

    @Override
    public int finishedJobs() {
        return finished.get();
    }

    @Override
    public int totalJobs() {
        return total;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
