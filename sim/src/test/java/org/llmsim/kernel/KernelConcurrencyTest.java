package org.llmsim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

/** Kernels are built on worker threads (shard and sweep jobs): building many at once must be safe. */
class KernelConcurrencyTest {
    @Test
    void kernelsBuiltOnManyThreadsAtOnce_allWork() throws Exception {
        int threads = 8;
        int perThread = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> built = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                built.add(pool.submit(() -> {
                    start.await();
                    int n = 0;
                    for (int i = 0; i < perThread; i++) {
                        new DsolKernel();
                        n++;
                    }
                    return n;
                }));
            }
            start.countDown();
            assertEquals(threads * perThread, Futures.awaitInOrder(built).stream().mapToInt(Integer::intValue).sum());
        } finally {
            pool.shutdownNow();
        }
    }
}
