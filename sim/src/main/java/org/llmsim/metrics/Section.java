package org.llmsim.metrics;

import java.io.Serializable;

/**
 * An optional part of a run's result that belongs to one feature (inter-token latency, preemptions, the prefix cache,
 * speculative decoding, KV transfers, the application layer, autoscaling and faults, fleets), kept beside the
 * {@link RunResult} core. A section holds the raw counts and sums its figures derive from, so that the sections of a
 * fleet's domains merge exactly, and its {@link SectionType} says how: adding a figure to a feature touches its
 * section and the writers that show it, never the core or {@link FleetMerge}.
 *
 * <p>Sections are immutable records and travel with their result between machines (fleet shards on Spark).
 */
public interface Section extends Serializable {

    /** What kind of section this is: its key, its empty value and its merge. */
    SectionType<?> type();
}
