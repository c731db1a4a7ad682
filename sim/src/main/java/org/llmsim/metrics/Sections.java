package org.llmsim.metrics;

import java.io.Serializable;
import java.util.Collection;
import java.util.Collections;
import java.util.TreeMap;

/**
 * The optional {@link Section}s of a result, at most one of each {@link SectionType}. A section equal to its kind's
 * empty value is not kept, so two results that measured the same thing are equal whether or not a feature reported an
 * empty section.
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

    /** Whether a section of kind {@code type} is kept (one that differs from the kind's empty value). */
    public boolean has(SectionType<?> type) {
        return byKey.containsKey(type.key());
    }

    /** These sections with {@code section} added, or replacing the one of its kind. */
    public Sections with(Section section) {
        TreeMap<String, Section> copy = new TreeMap<>(byKey);
        SectionType<?> type = section.type();
        if (section.equals(type.none())) {
            copy.remove(type.key());
        } else {
            copy.put(type.key(), section);
        }
        return new Sections(copy);
    }

    /** Every kept section, by key. */
    public Collection<Section> all() {
        return Collections.unmodifiableCollection(byKey.values());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sections s && byKey.equals(s.byKey);
    }

    @Override
    public int hashCode() {
        return byKey.hashCode();
    }

    @Override
    public String toString() {
        return byKey.values().toString();
    }
}
