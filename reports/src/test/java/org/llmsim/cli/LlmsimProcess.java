package org.llmsim.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * llmsim in a JVM of its own, for what a command run inside the test JVM cannot show: a working directory of its
 * own (default output directories), signals, and limits on file size. The child runs this JVM's classpath.
 */
final class LlmsimProcess {
    /** A bound that only catches a hang. */
    static final long GENEROUS_S = 120;

    private LlmsimProcess() {
    }

    /** The command line of {@code llmsim args...}, optionally under a file size limit (bash {@code ulimit -f}). */
    static List<String> command(Integer fileSizeLimitKb, String... args) {
        List<String> cmd = new ArrayList<>();
        if (fileSizeLimitKb != null) {
            cmd.addAll(List.of("bash", "-c", "ulimit -f " + fileSizeLimitKb + " && exec \"$@\"", "llmsim"));
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-XX:-UsePerfData", "-Xmx512m", "-Dllmsim.home=" + CliTest.HOME.toAbsolutePath(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Starts llmsim in {@code workDir}; its output goes to {@code out.txt} and {@code err.txt} in {@code logs}. */
    static Process start(Path workDir, Path logs, List<String> command) throws IOException {
        Files.createDirectories(logs);
        return new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(logs.resolve("out.txt").toFile()).redirectError(logs.resolve("err.txt").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
    }

    /** Runs llmsim in {@code workDir} to the end. */
    static CliTest.Outcome run(Path workDir, Path logs, List<String> command) throws IOException,
            InterruptedException {
        Process p = start(workDir, logs, command);
        if (!p.waitFor(GENEROUS_S, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("llmsim did not end within " + GENEROUS_S + " s: " + command);
        }
        return outcome(p.exitValue(), logs);
    }

    static CliTest.Outcome outcome(int exitCode, Path logs) throws IOException {
        return new CliTest.Outcome(exitCode, Files.readString(logs.resolve("out.txt")),
                Files.readString(logs.resolve("err.txt")));
    }
}
