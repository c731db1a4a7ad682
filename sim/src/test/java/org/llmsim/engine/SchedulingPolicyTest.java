package org.llmsim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.llmsim.request.Request;

/** Admission order (FCFS, priority), priority preemption, and dynamic batching's wait. */
class SchedulingPolicyTest {

    /** 20 requests a millisecond apart on a replica that runs 2 at a time; odd ids have the higher priority (0). */
    private static ReplicaHarness underLoad(SchedulingOrder order) {
        SchedulerConfig config = new SchedulerConfig(BatchingPolicy.CONTINUOUS, 2, 8192, 16, 100).withOrder(order);
        ReplicaHarness h = new ReplicaHarness("h100-sxm", "llama-3.1-8b", config, 0);
        for (int i = 0; i < 20; i++) {
            h.submit(new Request(i, 0.001 * i, 500, 100).withPriority(i % 2 == 1 ? 0 : 1));
        }
        return h.run(100);
    }

    private static double meanTtft(List<Request> requests, int priority) {
        return requests.stream().filter(r -> r.priority() == priority).mapToDouble(Request::ttftS).average()
                .orElseThrow();
    }

    @Test
    void priorityOrder_servesHighPriorityFirstUnderLoad() {
        ReplicaHarness fcfs = underLoad(SchedulingOrder.FCFS);
        ReplicaHarness priority = underLoad(SchedulingOrder.PRIORITY);
        assertEquals(20, priority.finished.size());
        // under priority order every queued high-priority request is scheduled before any queued low-priority one
        double lastHigh = priority.finished.stream().filter(r -> r.priority() == 0 && r.queueS() > 0)
                .mapToDouble(Request::scheduledS).max().orElseThrow();
        double firstLow = priority.finished.stream().filter(r -> r.priority() == 1 && r.queueS() > 0)
                .mapToDouble(Request::scheduledS).min().orElseThrow();
        assertTrue(lastHigh <= firstLow, "last high " + lastHigh + " first low " + firstLow);
        // so high priority waits about half as long as under FCFS, and low priority longer
        assertTrue(meanTtft(priority.finished, 0) < 0.6 * meanTtft(fcfs.finished, 0));
        assertTrue(meanTtft(priority.finished, 1) > meanTtft(fcfs.finished, 1));
        // under FCFS requests are scheduled in arrival order
        double previous = -1;
        for (Request r : fcfs.finished.stream().sorted((a, b) -> Long.compare(a.id(), b.id())).toList()) {
            assertTrue(r.scheduledS() >= previous);
            previous = r.scheduledS();
        }
    }

    /** Two requests that outgrow a 12-block cache of 4-token blocks; the older one has the lower priority. */
    private static RecordingListener preemptOnce(SchedulingOrder order) {
        KvCacheManager kv = new KvCacheManager(12, 4);
        RecordingListener events = new RecordingListener();
        ContinuousBatchScheduler scheduler = new ContinuousBatchScheduler(
                new SchedulerConfig(BatchingPolicy.CONTINUOUS, 8, 64, 4, 100).withOrder(order), kv, events);
        scheduler.enqueue(new Sequence(new Request(1, 0, 8, 30).withPriority(5), 1));
        scheduler.enqueue(new Sequence(new Request(2, 0.5, 8, 30).withPriority(0), 2));
        int passes = 0;
        BatchPlan plan;
        while ((plan = scheduler.schedule(passes)) != null && events.preempted.isEmpty()) {
            scheduler.complete(plan, ++passes);
        }
        return events;
    }

    @Test
    void priorityOrder_preemptsTheLowestPriority_fcfsTheNewest() {
        assertEquals(1, preemptOnce(SchedulingOrder.PRIORITY).preempted.get(0).id(), "low priority, though older");
        assertEquals(2, preemptOnce(SchedulingOrder.FCFS).preempted.get(0).id(), "newest");
    }

    private static SchedulerConfig dynamic(double maxWaitS) {
        return new SchedulerConfig(BatchingPolicy.DYNAMIC, 4, 8192, 16, 100).withMaxWaitS(maxWaitS);
    }

    @Test
    void dynamicBatching_waitsAtMostMaxWait_orUntilTheBatchIsFull() {
        ReplicaHarness h = new ReplicaHarness("h100-sxm", "llama-3.1-8b", dynamic(0.05), 0);
        // three requests within the window: one batch when the first has waited 50 ms
        h.submit(new Request(0, 0.00, 200, 20)).submit(new Request(1, 0.01, 200, 20))
                .submit(new Request(2, 0.02, 200, 20));
        // four at once fill the batch: no wait
        for (int i = 3; i < 7; i++) {
            h.submit(new Request(i, 10.0, 200, 20));
        }
        // one alone waits the whole 50 ms
        h.submit(new Request(7, 20.0, 200, 20));
        h.run(100);
        assertEquals(8, h.finished.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(0.05, h.finishedById(i).scheduledS(), 1e-12);
        }
        for (int i = 3; i < 7; i++) {
            assertEquals(10.0, h.finishedById(i).scheduledS(), 1e-12);
        }
        assertEquals(20.05, h.finishedById(7).scheduledS(), 1e-12);
        // and the three of the first batch share one prefill pass: same first-token time
        assertEquals(h.finishedById(0).firstTokenS(), h.finishedById(2).firstTokenS());
    }

    @Test
    void staticBatching_startsAtOnce() {
        ReplicaHarness h = new ReplicaHarness("h100-sxm", "llama-3.1-8b",
                new SchedulerConfig(BatchingPolicy.STATIC, 4, 8192, 16, 100), 0);
        h.submit(new Request(0, 1.0, 200, 20)).run(100);
        assertEquals(1.0, h.finishedById(0).scheduledS());
    }
}
