package org.llmsim.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A generated block of README.md between two marker comments: the tests that generate one write it with
 * {@code -Dllmsim.updateReadme=true} and otherwise check that the README's copy is the one they produce.
 *
 * @param name  what the block is, for messages ({@code validation-table})
 * @param begin its opening marker line
 * @param end   its closing marker line
 */
public record ReadmeBlock(String name, String begin, String end) {

    /** {@code readme} with the block's contents replaced by {@code block}. */
    public String replace(String readme, String block) {
        int b = readme.indexOf(begin);
        int e = readme.indexOf(end);
        if (b < 0 || e < b) {
            throw new IllegalStateException("README.md has no " + name + " markers");
        }
        return readme.substring(0, b + begin.length()) + "\n" + block + readme.substring(e);
    }

    /** The repository's README.md. */
    public static Path readme() {
        return TestScenarios.home().resolve("README.md");
    }

    public static String readReadme() throws IOException {
        return Files.readString(readme(), StandardCharsets.UTF_8);
    }

    /** Writes {@code block} into README.md when {@code -Dllmsim.updateReadme=true} is set. */
    public void updateIfAsked(String block) throws IOException {
        if (Boolean.getBoolean("llmsim.updateReadme")) {
            Files.writeString(readme(), replace(readReadme(), block), StandardCharsets.UTF_8);
        }
    }
}
