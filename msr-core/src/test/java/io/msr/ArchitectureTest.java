package io.msr;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The architecture the folders promise, checked: the public API ({@code io.msr}) at the bottom, depending on no
 * implementation package; the parts of the engine below {@code execute} (run migrations) below {@code operation}
 * (orchestrate an operation); no package cycle anywhere, the root package included.
 */
class ArchitectureTest {

    private static final String API = "io.msr";
    /** msr-core's own classes, as built (the test-support classes share the io.msr prefix, so not by package). */
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(Path.of("target", "classes"));

    @Test
    void noPackageTakesPartInACycleTheRootIncluded() {
        SliceAssignment byPackage = new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                return SliceIdentifier.of(javaClass.getPackageName());
            }

            @Override
            public String getDescription() {
                return "every package of msr-core";
            }
        };
        slices().assignedFrom(byPackage).should().beFreeOfCycles().check(CORE);
    }

    @Test
    void theCoreIsImported() {
        classes().that().haveSimpleName("Msr").should().beInterfaces().check(CORE);
    }

    @Test
    void theApiDependsOnNoImplementationPackage() {
        noClasses().that().resideInAPackage(API)
                .should().dependOnClassesThat().resideInAPackage("io.msr.internal..")
                .check(CORE);
    }

    @Test
    void operationsOrchestrateExecuteRunsAndThePartsServeBoth() {
        layeredArchitecture().consideringOnlyDependenciesInAnyPackage("io.msr..")
                .layer("api").definedBy(API)
                .layer("operation").definedBy("io.msr.internal.operation..")
                .layer("execute").definedBy("io.msr.internal.execute..")
                .layer("parts").definedBy("io.msr.internal.source..", "io.msr.internal.sql..",
                        "io.msr.internal.lint..", "io.msr.internal.plan..", "io.msr.internal.history..",
                        "io.msr.internal.lock..", "io.msr.internal.dialect..", "io.msr.internal.backup..",
                        "io.msr.internal.jdbc..", "io.msr.internal.adopt..", "io.msr.internal.drift..")
                .whereLayer("operation").mayNotBeAccessedByAnyLayer()
                .whereLayer("execute").mayOnlyBeAccessedByLayers("operation")
                .whereLayer("parts").mayOnlyBeAccessedByLayers("operation", "execute", "parts")
                .check(CORE);
    }

    @Test
    void everyClassIsInTheApiOrInAnInternalPackage() {
        classes().should().resideInAnyPackage(API, "io.msr.internal..").check(CORE);
    }

    @Test
    void theCoreUsesNoSpringAndNoDriver() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "org.postgresql..", "com.zaxxer..")
                .check(CORE);
    }

    @Test
    void planningIsPureAndNeedsNoJdbc() {
        noClasses().that().resideInAPackage("io.msr.internal.plan..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
                .check(CORE);
    }

    @Test
    void theReplayedHistoryIsPureAndNeedsNoJdbc() {
        noClasses().that().resideInAPackage("io.msr.internal.history")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..",
                        "io.msr.internal.history.table..")
                .check(CORE);
    }
}
