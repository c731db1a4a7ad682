package org.llmsim.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rules for the sources the shipped profiles, validation cases and scenarios cite: a reader must be able to check
 * each one, so none may point at a file on one machine, and each cited source names a URL or a public repository
 * path with its commit.
 */
final class SourceCheck {
    /** A web address; removed before looking for paths, so the paths inside it are not reported. */
    static final Pattern URL = Pattern.compile("https?://[^\\s\"'<>()\\]]+");
    /** A commit pinning a repository reference: {@code path@1a2b3c4} or {@code commit 1a2b3c4}. */
    static final Pattern COMMIT = Pattern.compile("(?:@|\\bcommit )[0-9a-f]{7,40}\\b");
    /** An {@code owner/repo} name, as in {@code NVIDIA/TensorRT-LLM}. */
    static final Pattern REPO = Pattern.compile("\\b[A-Za-z0-9][\\w.-]*/[\\w.-]+");
    /** An entry that cites nothing because there is nothing to cite says so. */
    static final Pattern DECLARED = Pattern.compile("(?i)\\bassum\\w*|\\bnot confirmed\\b|\\bderived\\b");

    private static final List<Pattern> LOCAL_PATHS = List.of(
            // absolute Unix paths of two or more segments (/home/me/notes.md, /tmp/x); GB/s and 8/14 do not match
            Pattern.compile("(?<![\\w.)\\]/:>-])/[A-Za-z_.~][\\w.~-]*/[\\w.~/-]*"),
            Pattern.compile("(?<![\\w/])~/[\\w.~/-]*"),
            Pattern.compile("\\$HOME/[\\w.~/-]*"),
            Pattern.compile("(?i)\\bfile:/+\\S*"),
            Pattern.compile("\\b[A-Za-z]:\\\\\\S*"));
    /** A notes or text file named by path or name; public only as part of a URL or with its repository commit. */
    private static final Pattern NOTES_FILE = Pattern.compile("[\\w./~-]*[\\w-]\\.(?:md|txt)\\b(@[0-9a-f]{7,40}\\b)?");

    private SourceCheck() {
    }

    /** The paths on one machine {@code text} names (absolute, home-relative, file: or drive paths). */
    static List<String> localPaths(String text) {
        String rest = URL.matcher(text).replaceAll(" ");
        List<String> found = new ArrayList<>();
        for (Pattern p : LOCAL_PATHS) {
            Matcher m = p.matcher(rest);
            while (m.find()) {
                found.add(m.group());
            }
        }
        return found;
    }

    /**
     * The notes or text files {@code text} names by a relative path or a bare name, without a URL or a commit: a
     * reader cannot tell a public repository's file from one on the author's machine.
     */
    static List<String> unpinnedFiles(String text) {
        String rest = URL.matcher(text).replaceAll(" ");
        for (Pattern p : LOCAL_PATHS) {
            rest = p.matcher(rest).replaceAll(" ");
        }
        List<String> found = new ArrayList<>();
        Matcher m = NOTES_FILE.matcher(rest);
        while (m.find()) {
            if (m.group(1) == null) {
                found.add(m.group());
            }
        }
        return found;
    }

    /** Whether {@code entry} names a URL or an {@code owner/repo} path with its commit. */
    static boolean citesPublicSource(String entry) {
        return URL.matcher(entry).find() || (COMMIT.matcher(entry).find() && REPO.matcher(entry).find());
    }

    /**
     * Whether a {@code sources} entry can be checked by a reader: it cites a public source, or refers to another
     * profile or validation case of this repository by its id, or says it is an assumption.
     */
    static boolean checkable(String entry, Set<String> repositoryIds) {
        if (citesPublicSource(entry) || DECLARED.matcher(entry).find()) {
            return true;
        }
        Matcher words = Pattern.compile("[\\w.-]+").matcher(entry);
        while (words.find()) {
            String w = words.group().replaceAll("[.]+$", "");
            if (repositoryIds.contains(w)) {
                return true;
            }
        }
        return false;
    }
}
