package io.msr.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One module's table in {@code docs/architecture.md}: its packages, each with the packages of the same module it may
 * use. The architecture tests check the code against it, so the page cannot go stale.
 *
 * <p>The table is the first one after the heading {@code ## <module>}: rows of {@code | `package` | its one job |
 * may use |}, where "may use" names packages in backquotes, or says {@code nothing}.
 *
 * @param module  the module's name, as in the heading
 * @param mayUse  every package of the module, in the page's order, with the packages of the module it may use
 */
public record ArchitecturePage(String module, Map<String, Set<String>> mayUse) {

    /** The page, from a module's folder (where Maven runs its tests). */
    public static final Path PAGE = Path.of("..", "docs", "architecture.md");

    private static final Pattern NAME = Pattern.compile("`([a-zA-Z0-9_.]+)`");

    /** Reads the table of {@code module} from {@link #PAGE}; fails naming what is malformed. */
    public static ArchitecturePage of(String module) {
        try {
            return parse(module, Files.readString(PAGE, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + PAGE.toAbsolutePath().normalize(), e);
        }
    }

    static ArchitecturePage parse(String module, String markdown) {
        List<String> lines = markdown.lines().toList();
        int heading = lines.indexOf("## " + module);
        if (heading < 0) {
            throw new IllegalStateException("docs/architecture.md has no heading '## " + module + "'");
        }
        Map<String, Set<String>> mayUse = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : lines.subList(heading + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            if (!line.startsWith("|")) {
                if (inTable) {
                    break;
                }
                continue;
            }
            inTable = true;
            List<String> cells = cells(line);
            if (cells.size() != 3) {
                throw new IllegalStateException("docs/architecture.md, " + module + ": a row needs 3 cells (package,"
                        + " its one job, may use): " + line);
            }
            Matcher name = NAME.matcher(cells.get(0));
            if (!name.matches()) {
                continue; // the header and the separator
            }
            Set<String> used = new LinkedHashSet<>();
            Matcher usedName = NAME.matcher(cells.get(2));
            while (usedName.find()) {
                used.add(usedName.group(1));
            }
            if (used.isEmpty() && !cells.get(2).equals("nothing")) {
                throw new IllegalStateException("docs/architecture.md, " + module + ": 'may use' of " + name.group(1)
                        + " names no package in backquotes and is not 'nothing': " + line);
            }
            if (mayUse.put(name.group(1), Collections.unmodifiableSet(used)) != null) {
                throw new IllegalStateException("docs/architecture.md, " + module + ": " + name.group(1)
                        + " has two rows");
            }
        }
        for (Map.Entry<String, Set<String>> row : mayUse.entrySet()) {
            for (String used : row.getValue()) {
                if (!mayUse.containsKey(used)) {
                    throw new IllegalStateException("docs/architecture.md, " + module + ": " + row.getKey()
                            + " may use " + used + ", which has no row of its own");
                }
            }
        }
        if (mayUse.isEmpty()) {
            throw new IllegalStateException("docs/architecture.md, " + module + ": no table of packages");
        }
        return new ArchitecturePage(module, Collections.unmodifiableMap(mayUse));
    }

    /** The packages the table lists, sorted. */
    public Set<String> packages() {
        return new TreeSet<>(mayUse.keySet());
    }

    /** The module's packages other than {@code pkg} that {@code pkg} may not use. */
    public Set<String> forbiddenFor(String pkg) {
        Set<String> forbidden = new TreeSet<>(mayUse.keySet());
        forbidden.remove(pkg);
        forbidden.removeAll(mayUse.getOrDefault(pkg, Set.of()));
        return forbidden;
    }

    private static List<String> cells(String line) {
        String inner = line.strip();
        inner = inner.substring(1, inner.endsWith("|") ? inner.length() - 1 : inner.length());
        List<String> cells = new ArrayList<>();
        for (String cell : inner.split("\\|", -1)) {
            cells.add(cell.strip());
        }
        return cells;
    }
}
