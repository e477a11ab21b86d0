package io.msr;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.msr.test.ArchitecturePage;
import io.msr.test.ArchitectureRules;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The architecture the folders promise, checked: the public API ({@code io.msr}) at the bottom, depending on no
 * implementation package; the parts of the engine below {@code execute} (run migrations) below {@code operation}
 * (orchestrate an operation); no package cycle anywhere, the root package included. And the page that describes the
 * packages, docs/architecture.md, is what the code is: the same packages, and no package using one its row does not
 * allow.
 */
class ArchitectureTest {

    private static final String API = "io.msr";
    /** msr-core's own classes, as built (the test-support classes share the io.msr prefix, so not by package). */
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(Path.of("target", "classes"));
    /** msr-core's table in docs/architecture.md (read by the tests that use it, so a broken page fails only them). */
    private static final String MODULE = "msr-core";

    @Test
    void noPackageTakesPartInACycleTheRootIncluded() {
        ArchitectureRules.noPackageInACycle("msr-core").check(CORE);
    }

    @Test
    void thePageListsEveryPackageOfTheCoreAndNoOther() {
        assertThat(ArchitecturePage.of(MODULE).packages())
                .as("the packages in docs/architecture.md (## msr-core) against those of msr-core's classes: add a row"
                        + " for a new package, remove the row of one that is gone")
                .isEqualTo(ArchitectureRules.packagesOf(CORE));
    }

    @Test
    void everyPackageUsesOnlyThePackagesItsRowAllows() {
        assertThat(ArchitectureRules.dependenciesThePageForbids(ArchitecturePage.of(MODULE), CORE))
                .as("packages using what their row in docs/architecture.md does not allow").isEmpty();
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
