package io.msr.internal.source;

import io.msr.Version;
import io.msr.ConfigurationException;
import io.msr.Direction;
import io.msr.Issue;
import io.msr.JavaMigration;
import io.msr.MigrationNaming;
import io.msr.MigrationType;
import io.msr.internal.sql.ClientCommands;
import io.msr.internal.sql.SqlStatement;
import io.msr.internal.sql.SqlStatementSplitter;
import org.jspecify.annotations.Nullable;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the files of the locations and the registered Java migrations into {@link ResolvedMigration}s.
 * Problems with individual files (malformed names, undecodable files, unknown directives, a down file without
 * its up file) are returned as error issues naming the file, so that all of them are reported at once.
 * Duplicate versions are left for the planner, which reports both files.
 *
 * <p>Layouts found in real projects that still run are warnings: a file with no statement (empty or only
 * comments) is a no-op migration, applied and recorded; a down file pairs with the up file of the same version
 * in the same folder even when its description differs; a location whose {@code .sql} files are all named some
 * other way (another tool's layout) is reported with their count and the expected pattern.
 */
public final class MigrationResolver {

    private final LocationScanner scanner;

    /** Creates a resolver reading classpath locations with the given class loader. */
    public MigrationResolver(ClassLoader classLoader) {
        this.scanner = new LocationScanner(classLoader);
    }

    /**
     * Creates a resolver reading classpath locations with the given class loader and files of at most
     * {@code maxFileSize} bytes ({@link LocationScanner#LocationScanner(ClassLoader, long)}).
     */
    public MigrationResolver(ClassLoader classLoader, long maxFileSize) {
        this.scanner = new LocationScanner(classLoader, maxFileSize);
    }

    /** Resolves with MSR's own file names; see {@link #resolve(List, List, MigrationNaming)}. */
    public Resolution resolve(List<String> locations, List<JavaMigration> javaMigrations) {
        return resolve(locations, javaMigrations, MigrationNaming.MSR);
    }

    /**
     * Resolves every migration of the locations, named as {@code naming} says, plus the Java migrations (whose
     * versions follow the same rules in every layout), sorted by version.
     */
    public Resolution resolve(List<String> locations, List<JavaMigration> javaMigrations, MigrationNaming naming) {
        return resolve(scanner.scan(locations(locations)), resolveJava(javaMigrations, naming), naming);
    }

    /** Parses location strings; throws {@link ConfigurationException} for an unknown prefix. */
    static List<MigrationLocation> locations(List<String> locations) {
        List<MigrationLocation> parsed = new ArrayList<>();
        for (String location : locations) {
            parsed.add(MigrationLocation.parse(location));
        }
        return parsed;
    }

    /** Resolves the Java migrations, named as {@code naming} says; unsorted. */
    static List<ResolvedMigration> resolveJava(List<JavaMigration> javaMigrations, MigrationNaming naming) {
        FileNaming layout = FileNaming.of(naming);
        List<ResolvedMigration> resolved = new ArrayList<>();
        for (JavaMigration java : javaMigrations) {
            resolved.add(resolveJava(java, layout));
        }
        return resolved;
    }

    /** Resolves the files a scan found, plus the Java migrations already resolved, sorted by version. */
    static Resolution resolve(LocationScanner.Scan scan, List<ResolvedMigration> java, MigrationNaming naming) {
        FileNaming layout = FileNaming.of(naming);
        List<Issue> issues = new ArrayList<>(scan.issues());
        List<ResolvedMigration> migrations = new ArrayList<>();
        Map<String, Pending> downs = new LinkedHashMap<>();
        List<Pending> ups = new ArrayList<>();
        List<Pending> repeatables = new ArrayList<>();
        ForeignNames foreign = new ForeignNames(layout);
        Set<MigrationLocation> empty = new LinkedHashSet<>(scan.found());
        for (ScriptFile file : scan.files()) {
            SqlFileName.Parsed name = layout.parse(file.fileName());
            foreign.count(file, name);
            if (name instanceof SqlFileName.Valid) {
                empty.remove(file.location());
            }
            if (name instanceof SqlFileName.Malformed malformed) {
                issues.add(Issue.error("MALFORMED_NAME", "File " + file.displayName() + " is not a valid migration name: "
                        + malformed.reason() + ". Expected " + layout.pattern() + " (msr.naming="
                        + naming.propertyValue() + ")"
                        + (malformed.suggestion() == null ? "." : "; did you mean " + malformed.suggestion() + "?"),
                        null, file.path()));
            } else if (name instanceof SqlFileName.Valid valid) {
                SqlScript script = read(file, issues);
                if (script == null) {
                    continue;
                }
                if (valid.repeatable()) {
                    repeatables.add(new Pending(valid, script));
                } else if (valid.direction() == Direction.DOWN) {
                    downs.put(pairKey(file, valid) + "|" + valid.description(), new Pending(valid, script));
                } else {
                    ups.add(new Pending(valid, script));
                }
            }
        }
        issues.addAll(foreign.issues());
        for (Pending pending : ups) {
            Pending down = pairedDown(pending, downs, naming == MigrationNaming.FLYWAY, issues);
            migrations.add(new ResolvedMigration(pending.name.version(), pending.name.description(), MigrationType.SQL,
                    pending.script.file().path(), pending.script.checksum(), pending.script,
                    down == null ? null : down.script, null, false));
        }
        for (Pending repeatable : repeatables) {
            migrations.add(new ResolvedMigration(null, repeatable.name.description(), MigrationType.SQL,
                    repeatable.script.file().path(), repeatable.script.checksum(), repeatable.script, null, null,
                    false));
        }
        for (Pending orphan : downs.values()) {
            issues.add(Issue.error("DOWN_WITHOUT_UP", "File " + orphan.script.file().displayName()
                    + " is a down migration without an up migration: add the up migration of version "
                    + orphan.name.version() + ", or remove it.", orphan.name.version(), orphan.script.file().path()));
        }
        migrations.addAll(java);
        migrations.sort(ResolvedMigration.ORDER);
        return new Resolution(migrations, issues, empty.stream().map(MigrationLocation::toString).toList());
    }

    /**
     * The migrations resolved, the problems found with individual files, and the locations that exist but hold no
     * migration (for the planner's {@code LOCATION_EMPTY} rule).
     *
     * @param migrations     the migrations, sorted by version
     * @param issues         the problems found with locations and files
     * @param emptyLocations the locations that exist but from which no migration was resolved, as configured
     */
    public record Resolution(List<ResolvedMigration> migrations, List<Issue> issues, List<String> emptyLocations) {

        /** Copies the lists: a resolution may be cached and shared. */
        public Resolution {
            migrations = List.copyOf(migrations);
            issues = List.copyOf(issues);
            emptyLocations = List.copyOf(emptyLocations);
        }

        /** A resolution with no empty location. */
        public Resolution(List<ResolvedMigration> migrations, List<Issue> issues) {
            this(migrations, issues, List.of());
        }

        /** Returns this resolution with other issues. */
        public Resolution withIssues(List<Issue> otherIssues) {
            return new Resolution(migrations, otherIssues, emptyLocations);
        }
    }

    private record Pending(SqlFileName.Valid name, SqlScript script) {
    }

    private static String pairKey(ScriptFile file, SqlFileName.Valid name) {
        return file.location() + "|" + file.folder() + "|" + name.version();
    }

    /**
     * The down file of the same description, else another one of the same version in the folder (in any folder for
     * Flyway undo files).
     */
    private static @Nullable Pending pairedDown(Pending up, Map<String, Pending> downs, boolean anyFolder,
            List<Issue> issues) {
        String key = pairKey(up.script.file(), up.name);
        Pending exact = downs.remove(key + "|" + up.name.description());
        if (exact != null) {
            return exact;
        }
        String folderless = "|" + up.name.version() + "|";
        for (var entry : downs.entrySet()) {
            // The version is what pairs them; Flyway projects often keep undo files in a folder of their own.
            if (entry.getKey().startsWith(key + "|") || anyFolder && entry.getKey().contains(folderless)) {
                Pending down = downs.remove(entry.getKey());
                if (down.name.description().equals(up.name.description())) {
                    return down;
                }
                // Renaming one side after the fact is common; the version is what pairs them.
                issues.add(Issue.warning("DOWN_DESCRIPTION_DIFFERS", "File " + down.script.file().displayName()
                        + " reverts " + up.script.fileName() + " (same version) but its description differs ('"
                        + down.name.description() + "' vs '" + up.name.description() + "'). "
                        + (up.script.fileName().endsWith(".up.sql")
                        ? "Rename it to " + up.script.fileName().replace(".up.sql", ".down.sql") + "."
                        : "Give it its up migration's description."), up.name.version(), down.script.file().path()));
                return down;
            }
        }
        return null;
    }

    private static @Nullable SqlScript read(ScriptFile file, List<Issue> issues) {
        byte[] content = file.content();
        if (!isUtf8(content)) {
            issues.add(Issue.error("NOT_TEXT", "File " + file.displayName()
                    + " is not UTF-8 text (is it a binary file?). Save it as UTF-8.", null, file.path()));
            return null;
        }
        int bom = content.length >= 3 && content[0] == (byte) 0xEF && content[1] == (byte) 0xBB
                && content[2] == (byte) 0xBF ? 3 : 0;
        // Valid UTF-8 decodes alike either way; the String constructor makes no intermediate char buffer.
        String text = new String(content, bom, content.length - bom, StandardCharsets.UTF_8);
        if (text.indexOf('\0') >= 0) {
            issues.add(Issue.error("NOT_TEXT", "File " + file.displayName()
                    + " contains NUL bytes (is it a binary file?). Save it as UTF-8 text.", null, file.path()));
            return null;
        }
        Directives directives;
        try {
            directives = Directives.parse(text);
        } catch (IllegalArgumentException e) {
            issues.add(Issue.error("BAD_DIRECTIVE", "File " + file.displayName() + " has an " + e.getMessage() + ".",
                    null, file.path()));
            return null;
        }
        List<SqlStatement> statements = SqlStatementSplitter.split(text);
        ClientCommands.Found client = ClientCommands.first(text, statements);
        if (client != null) {
            issues.add(Issue.error("PSQL_COMMAND", "File " + file.displayName() + ", line "
                    + SqlScript.lineOf(text, client.offset()) + ": " + client.message() + ".", null, file.path()));
        }
        if (statements.isEmpty()) {
            issues.add(Issue.warning("EMPTY_SCRIPT", "File " + file.displayName() + " contains no SQL statement:"
                    + " it runs as a no-op and is recorded as applied. Add its SQL before it is applied, or keep it"
                    + " as a placeholder on purpose.", null, file.path()));
        }
        return new SqlScript(file, text, Checksums.of(text), directives, statements);
    }

    /** Returns true when the bytes are well-formed UTF-8; decodes through a small buffer, keeping nothing. */
    private static boolean isUtf8(byte[] content) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content);
        CharBuffer out = CharBuffer.allocate(8192);
        CoderResult result;
        do {
            out.clear();
            result = decoder.decode(in, out, true);
        } while (result.isOverflow());
        if (result.isError()) {
            return false;
        }
        out.clear();
        return !decoder.flush(out).isError();
    }

    private static ResolvedMigration resolveJava(JavaMigration java, FileNaming layout) {
        Version version = java.version();
        String description = java.description();
        if (version == null || description == null) {
            SqlFileName.Valid name = layout.parseJavaClass(java.getClass().getSimpleName());
            if (name == null) {
                throw new ConfigurationException("Java migration " + java.getClass().getName() + " has no version:"
                        + " name the class " + layout.javaPattern() + " (msr.naming=" + layout.naming().propertyValue()
                        + "), or override version() and description().");
            }
            version = version != null ? version : name.version();
            description = description != null ? description : name.description();
        }
        if (version.parts().stream().allMatch(part -> part.signum() == 0)) {
            throw new ConfigurationException("Java migration " + java.getClass().getName() + " has version "
                    + version + "; versions start above 0.");
        }
        boolean overridesDown;
        try {
            overridesDown = java.getClass().getMethod("down", io.msr.MigrationContext.class).getDeclaringClass()
                    != JavaMigration.class;
        } catch (NoSuchMethodException e) {
            overridesDown = false;
        }
        return new ResolvedMigration(version, description, MigrationType.JAVA, java.getClass().getName(),
                java.checksum(), null, null, java, overridesDown);
    }
}
