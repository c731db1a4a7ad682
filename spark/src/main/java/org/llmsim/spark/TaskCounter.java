package org.llmsim.spark;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.spark.Success$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Counts the tasks (one per llmsim job) that finished successfully in the Spark jobs of one job group, for the
 * progress line. Spark delivers listener events asynchronously, so the count may trail the truth by a moment.
 */
final class TaskCounter extends SparkListener {
    private volatile String group;
    private final Set<Integer> stages = ConcurrentHashMap.newKeySet();
    private final AtomicInteger finished = new AtomicInteger();

    /** Starts counting the tasks of {@code jobGroup}'s Spark jobs from zero. */
    void reset(String jobGroup) {
        stages.clear();
        finished.set(0);
        group = jobGroup;
    }

    int finished() {
        return finished.get();
    }

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
        String g = group;
        if (g != null && jobStart.properties() != null
                && g.equals(jobStart.properties().getProperty("spark.jobGroup.id"))) {
            scala.jdk.javaapi.CollectionConverters.asJava(jobStart.stageIds())
                    .forEach(id -> stages.add((Integer) id));
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        if (stages.contains(taskEnd.stageId()) && taskEnd.reason() == Success$.MODULE$) {
            finished.incrementAndGet();
        }
    }
}
