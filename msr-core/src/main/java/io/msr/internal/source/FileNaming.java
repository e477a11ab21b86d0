package io.msr.internal.source;

import io.msr.MigrationNaming;
import org.jspecify.annotations.Nullable;

/**
 * One layout of migration file names: the seam where each {@link MigrationNaming} plugs in its parser. A parser
 * returns {@link SqlFileName.Valid} for its own names, {@link SqlFileName.Malformed} (with the name probably meant)
 * for a name that looks like one of its own but does not parse, and {@link SqlFileName.Ignored} for anything else,
 * including another layout's valid names, which {@link ForeignNames} reports.
 */
interface FileNaming {

    /** The layout this parser reads. */
    MigrationNaming naming();

    /** The expected pattern, as shown in messages. */
    String pattern();

    /** Parses a file name (without folders). */
    SqlFileName.Parsed parse(String fileName);

    /**
     * Parses a Java migration's simple class name under this layout; returns null when it does not match. Layouts
     * without Java migrations of their own (golang-migrate) use MSR's class names.
     */
    default SqlFileName.@Nullable Valid parseJavaClass(String simpleName) {
        return SqlFileName.parseJavaClass(simpleName);
    }

    /** The expected Java class name pattern, as shown in messages. */
    default String javaPattern() {
        return "V<version>_<description> (e.g. V202601150930_Backfill_names)";
    }

    /** Returns the parser of a layout. */
    static FileNaming of(MigrationNaming naming) {
        return switch (naming) {
            case MSR -> MsrNaming.INSTANCE;
            case FLYWAY -> FlywayFileName.INSTANCE;
            case GOLANG_MIGRATE -> GolangMigrateFileName.INSTANCE;
        };
    }

    /** MSR's own layout, parsed by {@link SqlFileName}. */
    enum MsrNaming implements FileNaming {
        INSTANCE;

        @Override
        public MigrationNaming naming() {
            return MigrationNaming.MSR;
        }

        @Override
        public String pattern() {
            return SqlFileName.PATTERN;
        }

        @Override
        public SqlFileName.Parsed parse(String fileName) {
            return SqlFileName.parse(fileName);
        }
    }
}
