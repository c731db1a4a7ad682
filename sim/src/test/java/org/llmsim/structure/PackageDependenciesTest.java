package org.llmsim.structure;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.llmsim.testing.TestScenarios;

/**
 * The package structure as written in each package's guide: every {@code package-info.java} of the main sources says
 * which other packages of llmsim it may use ({@code <p>Depends on: a, b.} or {@code Depends on nothing else of
 * llmsim.}); a class that uses another package of llmsim (an import, or a qualified name in code or javadoc) must be
 * allowed to, and the declared graph has no cycle. Adding an upward import or a cycle fails here, naming the file.
 */
class PackageDependenciesTest {
    /** "Depends on: a, b.c." (a package name's dots are followed by a letter, the sentence's by a space or the end). */
    private static final Pattern DECLARED = Pattern.compile("Depends on: ([a-z., ]+?)\\.(?:\\s|$)");
    private static final String NOTHING = "Depends on nothing else of llmsim.";
    private static final Pattern REFERENCE = Pattern.compile("\\borg\\.llmsim\\.([a-z]+(?:\\.[a-z]+)*)\\.[A-Z]");
    private static final List<String> MODULES = List.of("sim", "reports", "spark");

    /** Package (without the {@code org.llmsim.} prefix) to the packages its guide allows. */
    private static final Map<String, Set<String>> allowed = new TreeMap<>();
    /** Package to each source file and the other llmsim packages it uses. */
    private static final Map<String, Map<Path, Set<String>>> used = new TreeMap<>();

    @BeforeAll
    static void scan() throws IOException {
        for (String module : MODULES) {
            Path root = TestScenarios.home().resolve(module).resolve("src/main/java/org/llmsim");
            if (!Files.isDirectory(root)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(root)) {
                files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
            }
            for (Path file : files) {
                String pkg = root.relativize(file.getParent()).toString().replace('/', '.');
                String text = Files.readString(file, StandardCharsets.UTF_8);
                if (file.getFileName().toString().equals("package-info.java")) {
                    allowed.put(pkg, declared(file, text));
                }
                Set<String> refs = new TreeSet<>();
                Matcher m = REFERENCE.matcher(text);
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        refs.add(m.group(1));
                    }
                }
                used.computeIfAbsent(pkg, k -> new TreeMap<>()).put(file, refs);
            }
        }
    }

    private static Set<String> declared(Path file, String text) {
        String flat = text.replaceAll("\\s*\\n\\s*\\*\\s*", " ");
        Set<String> set = new TreeSet<>();
        Matcher m = DECLARED.matcher(flat);
        if (m.find()) {
            for (String p : m.group(1).split(",")) {
                set.add(p.strip());
            }
        } else if (!flat.contains(NOTHING)) {
            set.add("<no 'Depends on' line in " + file + ">");
        }
        return set;
    }

    @Test
    void everyPackage_declaresWhatItDependsOn() {
        for (String pkg : used.keySet()) {
            assertTrue(allowed.containsKey(pkg), "package " + pkg + " has no package-info.java");
            assertFalse(allowed.get(pkg).stream().anyMatch(a -> a.startsWith("<")), allowed.get(pkg).toString());
            for (String dep : allowed.get(pkg)) {
                assertTrue(used.containsKey(dep), pkg + "'s guide names a package that does not exist: " + dep);
            }
        }
    }

    @Test
    void everyClass_usesOnlyThePackagesItsGuideAllows() {
        List<String> violations = new ArrayList<>();
        used.forEach((pkg, files) -> files.forEach((file, refs) -> {
            for (String ref : refs) {
                if (!allowed.getOrDefault(pkg, Set.of()).contains(ref)) {
                    violations.add(file + ": package " + pkg + " uses " + ref + ", which its package-info does not "
                            + "allow (" + allowed.getOrDefault(pkg, Set.of()) + ")");
                }
            }
        }));
        assertTrue(violations.isEmpty(), String.join("\n", violations));
    }

    @Test
    void theDeclaredDependencies_haveNoCycle() {
        // depth-first search; a package met again while still on the path closes a cycle
        Map<String, Integer> state = new TreeMap<>();
        for (String pkg : allowed.keySet()) {
            List<String> path = new ArrayList<>();
            String cycle = visit(pkg, state, path);
            assertTrue(cycle == null, "package cycle: " + cycle);
        }
    }

    private static String visit(String pkg, Map<String, Integer> state, List<String> path) {
        int s = state.getOrDefault(pkg, 0);
        if (s == 2) {
            return null;
        }
        if (s == 1) {
            return String.join(" -> ", path.subList(path.indexOf(pkg), path.size())) + " -> " + pkg;
        }
        state.put(pkg, 1);
        path.add(pkg);
        for (String dep : allowed.getOrDefault(pkg, Set.of())) {
            String cycle = visit(dep, state, path);
            if (cycle != null) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        state.put(pkg, 2);
        return null;
    }
}
