package io.msr;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.msr");

    @Test
    void theApiDoesNotImportInternalClasses() {
        noClasses().that().resideInAnyPackage("io.msr", "io.msr.event")
                .should().dependOnClassesThat().resideInAPackage("io.msr.internal..")
                .check(CORE);
    }

    @Test
    void theCoreUsesNoSpringAndNoDriver() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "org.postgresql..", "com.zaxxer..")
                .check(CORE);
    }

    @Test
    void planningIsPureAndNeedsNoJdbc() {
        noClasses().that().resideInAPackage("io.msr.plan..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
                .check(CORE);
    }
}
