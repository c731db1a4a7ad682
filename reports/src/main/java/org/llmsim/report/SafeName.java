package org.llmsim.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * A scenario name (or a name built from several) turned into one safe directory name: it cannot leave the
 * directory it is put in, hide itself or carry terminal control characters. Path separators, control characters
 * and leading dots become {@code _}; a name longer than {@value #MAX_BYTES} bytes of UTF-8 is cut, with a short
 * checksum of the whole name so that two long names stay apart. Letters of any script are kept as they are.
 *
 * @param value  the directory name to use
 * @param reason why it differs from the name given, or null when it does not
 */
public record SafeName(String value, String reason) {
    /** Longest directory name made, in bytes of UTF-8 (file systems allow 255). */
    public static final int MAX_BYTES = 100;
    private static final String EMPTY = "unnamed";
    private static final int QUOTE_CHARS = 60;

    /** Whether the name had to be changed. */
    public boolean changed() {
        return reason != null;
    }

    /** The safe form of {@code raw}. */
    public static SafeName of(String raw) {
        String name = raw == null ? "" : raw;
        List<String> why = new ArrayList<>();
        StringBuilder b = new StringBuilder(name.length());
        boolean separator = false;
        boolean control = false;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '/' || cp == '\\') {
                separator = true;
                b.append('_');
            } else if (Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029
                    || Character.getType(cp) == Character.SURROGATE) {
                // a lone surrogate cannot be written as UTF-8
                control = true;
                b.append('_');
            } else {
                b.appendCodePoint(cp);
            }
        }
        if (separator) {
            why.add("it has a path separator");
        }
        if (control) {
            why.add("it has control characters");
        }
        int dots = 0;
        while (dots < b.length() && b.charAt(dots) == '.') {
            b.setCharAt(dots++, '_');
        }
        if (dots > 0) {
            why.add("it starts with '.'");
        }
        String value = b.toString();
        if (value.isBlank()) {
            why.add("it is empty");
            value = EMPTY;
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            why.add("it is longer than " + MAX_BYTES + " bytes");
            value = shorten(value);
        }
        return new SafeName(value, why.isEmpty() ? null : String.join(", ", why));
    }

    /**
     * {@code parent/<safe name>}, checked to stay directly under {@code parent}.
     *
     * @throws IllegalStateException if it would not (a bug in the rules above)
     */
    public Path under(Path parent) {
        Path dir = parent.resolve(value);
        Path normalParent = parent.toAbsolutePath().normalize();
        Path normal = dir.toAbsolutePath().normalize();
        if (!normal.startsWith(normalParent) || normal.getNameCount() != normalParent.getNameCount() + 1) {
            throw new IllegalStateException("directory name '" + value + "' leaves " + parent);
        }
        return dir;
    }

    /**
     * {@code raw} in double quotes, fit to print on one line of a terminal: control characters escaped, and cut
     * after {@value #QUOTE_CHARS} characters.
     */
    public static String quote(String raw) {
        StringBuilder b = new StringBuilder("\"");
        int shown = 0;
        for (int i = 0; i < raw.length(); ) {
            int cp = raw.codePointAt(i);
            i += Character.charCount(cp);
            if (shown++ == QUOTE_CHARS) {
                b.append("...");
                break;
            }
            if (Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029
                    || Character.getType(cp) == Character.SURROGATE) {
                b.append(String.format(Locale.ROOT, "\\u%04x", cp));
            } else {
                b.appendCodePoint(cp);
            }
        }
        return b.append('"').toString();
    }

    /** The first bytes of {@code value} (whole characters only), a dash and eight hex digits of its checksum. */
    private static String shorten(String value) {
        CRC32 crc = new CRC32();
        crc.update(value.getBytes(StandardCharsets.UTF_8));
        String suffix = String.format(Locale.ROOT, "-%08x", crc.getValue());
        int budget = MAX_BYTES - suffix.length();
        StringBuilder b = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + n > budget) {
                break;
            }
            b.appendCodePoint(cp);
            bytes += n;
            i += Character.charCount(cp);
        }
        return b + suffix;
    }
}
