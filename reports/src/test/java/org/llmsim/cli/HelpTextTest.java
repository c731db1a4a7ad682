package org.llmsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's help renders cleanly: picocli formats descriptions, so a lone '%' breaks them with a warning. */
class HelpTextTest {
    @Test
    void everyCommandsHelp_rendersWithoutWarnings() {
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            CommandLine cli = new CommandLine(new Main());
            assertTrue(cli.getSubcommands().size() >= 8);
            for (CommandLine sub : cli.getSubcommands().values()) {
                String usage = sub.getUsageMessage();
                assertTrue(usage.contains("Usage: "), usage);
                assertTrue(!usage.contains("%n"), sub.getCommandName() + " help shows a raw %n");
            }
        } finally {
            System.setErr(stderr);
        }
        assertEquals("", captured.toString(StandardCharsets.UTF_8));
    }
}
