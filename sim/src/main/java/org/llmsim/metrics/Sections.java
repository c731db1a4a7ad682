package org.llmsim.metrics;

import java.io.Serializable;
import java.util.Collection;
import java.util.Collections;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The optional {@link Section}s of a result, at most one of each {@link SectionType}. A missing section reads as its
 * kind's empty value, and equality compares what each kind reads, so two results that measured the same thing are
 * equal whether or not a feature reported an empty section. (Sections are compared only here, never while a run is
 * simulated: a record's first comparison is costly to set up.)
 */
public final class Sections implements Serializable {
    private static final long serialVersionUID = 1L;

    /** No sections. */
    public static final Sections NONE = new Sections(new TreeMap<>());

    private final TreeMap<String, Section> byKey;

    private Sections(TreeMap<String, Section> byKey) {
        this.byKey = byKey;
    }

    /** The section of kind {@code type}, or the kind's empty value when there is none. */
    public <S extends Section> S get(SectionType<S> type) {
        Section s = byKey.get(type.key());
        return s == null ? type.none() : type.cast(s);
    }

    /** Whether there is a section of kind {@code type} that differs from the kind's empty value. */
    public boolean has(SectionType<?> type) {
        Section s = byKey.get(type.key());
        return s != null && !s.equals(type.none());
    }

    /** These sections with {@code section} added, or replacing the one of its kind. */
    public Sections with(Section section) {
        TreeMap<String, Section> copy = new TreeMap<>(byKey);
        copy.put(section.type().key(), section);
        return new Sections(copy);
    }

    /** Every section reported, empty ones included, by key. */
    public Collection<Section> all() {
        return Collections.unmodifiableCollection(byKey.values());
    }

    /** Equal when every kind reads the same in both (a missing section reading its kind's empty value). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Sections other)) {
            return false;
        }
        TreeSet<String> keys = new TreeSet<>(byKey.keySet());
        keys.addAll(other.byKey.keySet());
        for (String key : keys) {
            Section mine = byKey.get(key);
            Section theirs = other.byKey.get(key);
            Section none = (mine != null ? mine : theirs).type().none();
            if (!(mine != null ? mine : none).equals(theirs != null ? theirs : none)) {
                return false;
            }
        }
        return true;
    }

    /** Over the sections that differ from their kind's empty value, consistent with {@link #equals}. */
    @Override
    public int hashCode() {
        int h = 0;
        for (Section s : byKey.values()) {
            h += s.equals(s.type().none()) ? 0 : s.type().key().hashCode() ^ s.hashCode();
        }
        return h;
    }

    @Override
    public String toString() {
        return byKey.values().toString();
    }
}
