package org.llmsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Scenario names as directory names: nothing leaves out/, legitimate names stay as they are. */
class SafeNameTest {
    @Test
    void ordinaryAndUnicodeNames_areKeptAsTheyAre() {
        for (String name : List.of("quickstart", "chat-70b-fp8", "Präsentation (v2)", "集群-テスト", "ñandú 🦙",
                "a..b", "x.yaml")) {
            SafeName safe = SafeName.of(name);
            assertEquals(name, safe.value());
            assertFalse(safe.changed(), name);
            assertNull(safe.reason());
        }
    }

    @Test
    void separatorsAndLeadingDots_becomeUnderscores_andTheReasonSaysWhy() {
        SafeName escaping = SafeName.of("../../../escaped");
        assertEquals("___.._.._escaped", escaping.value());
        assertTrue(escaping.reason().contains("path separator") && escaping.reason().contains("starts with '.'"),
                escaping.reason());
        assertEquals("a_b_c", SafeName.of("a/b\\c").value());
        assertEquals("_hidden", SafeName.of(".hidden").value());
        assertEquals("__", SafeName.of("..").value());
        assertEquals("_", SafeName.of(".").value());
        assertEquals("_etc_passwd", SafeName.of("/etc/passwd").value());
    }

    @Test
    void controlCharactersAndNul_areReplaced_andEmptyNamesGetOne() {
        SafeName control = SafeName.of("bad\u0000name\n\u001b[31mred");
        assertEquals("bad_name__[31mred", control.value());
        assertTrue(control.reason().contains("control characters"), control.reason());
        assertEquals("unnamed", SafeName.of("").value());
        assertEquals("unnamed", SafeName.of("   ").value());
        assertEquals("\"bad\\u0000name\\u000a\"", SafeName.quote("bad\u0000name\n"));
    }

    @Test
    void longNames_areCutToAHundredBytes_onWholeCharacters_andStayApart() {
        String a = "ж".repeat(80) + "-a"; // 162 bytes of UTF-8
        String b = "ж".repeat(80) + "-b";
        SafeName sa = SafeName.of(a);
        SafeName sb = SafeName.of(b);
        assertTrue(sa.value().getBytes(StandardCharsets.UTF_8).length <= SafeName.MAX_BYTES, sa.value());
        assertTrue(sa.value().startsWith("жжж"), sa.value());
        assertTrue(sa.reason().contains("longer than 100 bytes"), sa.reason());
        assertNotEquals(sa.value(), sb.value());
        assertEquals("ж".repeat(49), SafeName.of("ж".repeat(49)).value(), "98 bytes: kept");
    }

    @Test
    void everyName_resolvesDirectlyUnderItsParent() {
        Path out = Path.of("out");
        for (String name : List.of("../../../escaped", "..", ".", "/", "a/../../b", "\\..\\..", "x/./y", "",
                "..\u0000..", "~", "$HOME", "-rf")) {
            Path dir = SafeName.of(name).under(out);
            assertEquals(out, dir.getParent(), name);
            assertTrue(dir.normalize().startsWith(out), name);
            assertEquals(2, dir.normalize().getNameCount(), name);
        }
    }
}
