package org.llmsim.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every validation error of one input file, with the line of each field where the file gives it, so a user
 * sees all problems at once. Messages say what was found and what is allowed: "must be > 0, got -3".
 */
public final class Problems {
    private final String file;
    private final SourceLines lines;
    private final List<InputError> errors = new ArrayList<>();
    /** Fields whose value was refused and left out; what checks then say of them (is required) is not news. */
    private final List<String> skipped = new ArrayList<>();

    public Problems(String file, SourceLines lines) {
        this.file = file;
        this.lines = lines == null ? SourceLines.NONE : lines;
    }

    /**
     * Notes that the value of {@code path} was refused (reported already) and left out: problems added later at or
     * below it are dropped, as they are about the value left out, not the one the file gives.
     */
    public void skip(String path) {
        skipped.add(path);
    }

    private boolean isSkipped(String path) {
        if (path == null) {
            return false;
        }
        for (String s : skipped) {
            if (path.equals(s) || path.startsWith(s + ".") || path.startsWith(s + "[")) {
                return true;
            }
        }
        return false;
    }

    public void add(String path, String message) {
        if (isSkipped(path)) {
            return;
        }
        String origin = lines.overriddenBy(path);
        String where = origin != null ? " (value from " + origin + ")" : "";
        errors.add(new InputError(file, lines.lineOf(path), path, message + where));
    }

    /**
     * Adds the problems of {@code e}; those that name a field of this file without a line (a profile the file names
     * that is not found, say) get the field's line.
     */
    public void addAll(InputException e) {
        for (InputError err : e.errors()) {
            if (err.line() == null && err.path() != null && file != null && file.equals(err.file())) {
                add(err.path(), err.message());
            } else {
                errors.add(err);
            }
        }
    }

    /**
     * Adds a problem found in another file that the scenario names (a trace, named by {@code field.path}), with that
     * file's line, and the field of the scenario that names it with its line.
     */
    public void addInFile(String otherFile, Long line, String message, String field) {
        Integer fieldLine = lines.lineOf(field + ".path");
        String origin = lines.overriddenBy(field + ".path");
        String where = " (the file of " + field + ".path" + (origin != null ? ", from " + origin
                : fieldLine != null ? ", " + file + ":" + fieldLine : "") + ")";
        errors.add(new InputError(otherFile, line == null || line <= 0 ? null : (int) Math.min(Integer.MAX_VALUE, line),
                null, message + where));
    }

    /** Problems found so far (compare before and after a block to tell whether that block was valid). */
    public int count() {
        return errors.size();
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public List<InputError> errors() {
        return List.copyOf(errors);
    }

    /** Orders the problems by line (those without a line keep their place after them), as a reader meets them. */
    public void sortByLine() {
        errors.sort(java.util.Comparator.comparing(InputError::line,
                java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())));
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InputException(errors);
        }
    }

    /** Reports a missing required field; returns whether it is present. */
    public boolean required(String path, Object value) {
        if (value == null) {
            add(path, "is required");
            return false;
        }
        return true;
    }

    /** Checks {@code value > 0} (when present). */
    public void positive(String path, Number value) {
        if (value != null && !(value.doubleValue() > 0 && Double.isFinite(value.doubleValue()))) {
            add(path, (Double.isFinite(value.doubleValue()) ? "must be > 0, got " : "must be a finite number > 0, got ")
                    + format(value));
        }
    }

    /** Checks {@code value >= 0} (when present). */
    public void nonNegative(String path, Number value) {
        if (value != null && !(value.doubleValue() >= 0 && Double.isFinite(value.doubleValue()))) {
            add(path, (Double.isFinite(value.doubleValue()) ? "must be >= 0, got "
                    : "must be a finite number >= 0, got ") + format(value));
        }
    }

    /** Checks {@code value >= min} (when present). */
    public void atLeast(String path, Number value, long min) {
        if (value != null && !(value.doubleValue() >= min)) {
            add(path, "must be >= " + min + ", got " + format(value));
        }
    }

    /** Checks relative weights: each finite and >= 0, not all 0. */
    public void weights(String path, List<Double> weights) {
        double sum = 0;
        for (int i = 0; i < weights.size(); i++) {
            Double w = weights.get(i);
            if (w == null || !(w >= 0) || Double.isInfinite(w)) {
                add(path + "[" + i + "]", "must be >= 0, got " + w);
            } else {
                sum += w;
            }
        }
        if (!(sum > 0)) {
            add(path, "must not all be 0");
        }
    }

    /**
     * Checks a fraction in (0, 1] (when present); a value that looks like a percentage gets a hint
     * ("0.45, not 45").
     */
    public void fraction(String path, Double value) {
        if (value == null) {
            return;
        }
        if (value > 1 && value <= 100) {
            add(path, "must be a fraction in (0, 1], got " + format(value) + " (did you mean " + format(value / 100)
                    + "?)");
        } else if (!(value > 0 && value <= 1)) {
            add(path, "must be a fraction in (0, 1], got " + format(value));
        }
    }

    public static String format(Number n) {
        double d = n.doubleValue();
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }
}
