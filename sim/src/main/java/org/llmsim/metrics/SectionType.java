package org.llmsim.metrics;

import java.util.List;
import java.util.Objects;

/**
 * A kind of {@link Section}: the key it is stored under, the value a result without it reads (a run that did not use
 * the feature), and how the sections of a fleet's router domains merge into the fleet's.
 *
 * @param key   unique name, as in {@code summary.json} where the section has a block there
 * @param type  the section's class
 * @param none  what a result without the section reads
 * @param merge merges the domains' sections (one per domain, in domain order, {@code none} where a domain has
 *              none) into the fleet's
 * @param <S>   the section's class
 */
public record SectionType<S extends Section>(String key, Class<S> type, S none, Merge<S> merge) {

    /** How the domains' sections of one kind become the fleet's. */
    @FunctionalInterface
    public interface Merge<S> {
        /**
         * @param parts one section per domain, in domain order
         * @param fleet the domains and the fleet's merged core figures
         */
        S merge(List<S> parts, FleetContext fleet);
    }

    public SectionType {
        Objects.requireNonNull(key);
        Objects.requireNonNull(type);
        Objects.requireNonNull(none);
        Objects.requireNonNull(merge);
    }

    /** The section of this kind in {@code r}, or {@link #none} when it has none. */
    public S of(RunResult r) {
        return r.sections().get(this);
    }

    S cast(Section s) {
        return type.cast(s);
    }

    /** The fleet's section of this kind from each domain's (none where a domain has none). */
    S mergeDomains(FleetContext fleet) {
        return merge.merge(Merging.map(fleet.domains(), d -> of(d.result())), fleet);
    }
}
