package org.llmsim.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads the text files a user hands llmsim (scenarios, profiles, measurements) with a size limit checked before
 * anything is parsed, so that a wrong file ({@code /dev/zero}, a video, a multi-gigabyte log) is refused at once
 * instead of exhausting memory or time in the parser. The text must be UTF-8; a binary file is named as such.
 */
public final class InputFiles {
    /** Scenario, profile and validation-case YAML: a few kilobytes each; long empirical tables still fit. */
    public static final long MAX_YAML_BYTES = 1L << 20;
    /** {@code vllm bench serve} results, which may list every request's lengths and inter-token latencies. */
    public static final long MAX_JSON_BYTES = 256L << 20;
    /** CSV tables of measurements: a line per benchmark. */
    public static final long MAX_CSV_BYTES = 64L << 20;

    private InputFiles() {
    }

    /**
     * The whole text of {@code file}.
     *
     * @param name     the file as named in messages
     * @param maxBytes the largest size accepted
     * @param what     what the file should be, for messages ("scenario file")
     * @throws InputException when the file is missing, a directory, too large, unreadable or not UTF-8 text
     */
    public static String readText(Path file, String name, long maxBytes, String what) {
        byte[] bytes = readBytes(file, name, maxBytes, what);
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            int nul = text.indexOf('\0');
            if (nul >= 0) {
                throw new InputException(name, "is not a text file: it holds a NUL byte (offset " + nul
                        + "); expected a " + what + " (YAML, JSON or CSV text)");
            }
            return text;
        } catch (MalformedInputException e) {
            throw new InputException(name, "is not UTF-8 text (a binary file?); expected a " + what);
        } catch (CharacterCodingException e) {
            throw new InputException(name, "is not UTF-8 text; expected a " + what);
        }
    }

    /** Checks that {@code file} can be read before it is: exists, is no directory, and is at most {@code maxBytes}. */
    private static byte[] readBytes(Path file, String name, long maxBytes, String what) {
        if (Files.isDirectory(file)) {
            throw new InputException(name, "is a directory; expected a " + what);
        }
        try {
            if (Files.isRegularFile(file)) {
                long size = Files.size(file);
                if (size > maxBytes) {
                    throw tooLarge(name, size + " bytes (" + megabytes(size) + ")", maxBytes, what);
                }
            }
            // A pipe or device has no size: read one byte past the limit to tell whether it goes beyond.
            try (InputStream in = Files.newInputStream(file)) {
                byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (bytes.length > maxBytes) {
                    throw tooLarge(name, "more than " + megabytes(maxBytes), maxBytes, what);
                }
                return bytes;
            }
        } catch (NoSuchFileException e) {
            throw new InputException(name, "file not found");
        } catch (AccessDeniedException e) {
            throw new InputException(name, "cannot read: permission denied");
        } catch (IOException e) {
            throw new InputException(name, "cannot read: " + e.getMessage());
        }
    }

    private static InputException tooLarge(String name, String size, long maxBytes, String what) {
        return new InputException(name, "is " + size + "; a " + what + " may be at most " + megabytes(maxBytes)
                + " (is it the right file?)");
    }

    /** A size in MB (2^20 bytes), as users read it. */
    static String megabytes(long bytes) {
        double mb = bytes / (double) (1L << 20);
        return mb == Math.rint(mb) ? String.format(Locale.ROOT, "%.0f MB", mb)
                : String.format(Locale.ROOT, "%.1f MB", mb);
    }
}
