package io.msr.boot.autoconfigure;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import io.msr.test.ArchitecturePage;
import io.msr.test.ArchitectureRules;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.metaAnnotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The architecture the folders promise, checked. The root package holds what users see and what wires the rest:
 * the auto-configurations, {@link MsrProperties}, {@link MsrMode}, the conditions and the extension points, all
 * under names users write. Each feature has a package below it ({@code oneshot}, {@code verify},
 * {@code endpoint}, {@code datasource}), and the root is the top: it reads the properties, the mode and the
 * Environment and hands the features plain values (their own small settings records), so a feature never uses the
 * root, and no package, the root included, takes part in a cycle. From the core only the API ({@code io.msr}) is
 * used. And the page that describes the packages, docs/architecture.md, is what the code is: the same packages, and
 * no package using one its row does not allow.
 */
class ArchitectureTest {

    private static final String ROOT = "io.msr.boot.autoconfigure";

    /** This module's own classes, as built. */
    private static final JavaClasses MODULE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(Path.of("target", "classes"));

    @Test
    void thePageListsEveryPackageOfTheModuleAndNoOther() {
        assertThat(ArchitecturePage.of("msr-spring-boot-autoconfigure").packages())
                .as("the packages in docs/architecture.md (## msr-spring-boot-autoconfigure) against those of the"
                        + " module's classes: add a row for a new package, remove the row of one that is gone")
                .isEqualTo(ArchitectureRules.packagesOf(MODULE));
    }

    @Test
    void everyPackageUsesOnlyThePackagesItsRowAllows() {
        assertThat(ArchitectureRules.dependenciesThePageForbids(ArchitecturePage.of("msr-spring-boot-autoconfigure"),
                MODULE)).as("packages using what their row in docs/architecture.md does not allow").isEmpty();
    }

    @Test
    void noFeaturePackageTakesPartInACycle() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(MODULE);
    }

    @Test
    void noPackageTakesPartInACycleTheRootIncluded() {
        ArchitectureRules.noPackageInACycle("the module").check(MODULE);
    }

    @Test
    void noFeatureUsesTheRoot() {
        noClasses().that().resideInAPackage(ROOT + ".*..")
                .should().dependOnClassesThat().resideInAPackage(ROOT)
                .check(MODULE);
    }

    @Test
    void noClassTakesPartInACycle() {
        SliceAssignment byClass = new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String name = javaClass.getName();
                return name.startsWith(ROOT + ".") ? SliceIdentifier.of(name.split("\\$")[0])
                        : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "every top-level class of the module";
            }
        };
        slices().assignedFrom(byClass).should().beFreeOfCycles().check(MODULE);
    }

    @Test
    void featuresNeverUseAConfigurationOfTheRoot() {
        DescribedPredicate<JavaClass> rootConfiguration = resideInAPackage(ROOT)
                .and(metaAnnotatedWith(Configuration.class)).as("a configuration of the root package");
        noClasses().that().resideOutsideOfPackage(ROOT)
                .should().dependOnClassesThat(rootConfiguration)
                .check(MODULE);
    }

    @Test
    void autoConfigurationsLiveInTheRootAndAreFinalWithNoPublicMembers() {
        classes().that().areAnnotatedWith(AutoConfiguration.class)
                .should().resideInAPackage(ROOT)
                .andShould().haveModifier(JavaModifier.FINAL)
                .andShould(haveNoPublicMembers())
                .check(MODULE);
    }

    @Test
    void onlyTheApiOfTheCoreIsUsed() {
        noClasses().should().dependOnClassesThat().resideInAPackage("io.msr.internal..").check(MODULE);
    }

    private static ArchCondition<JavaClass> haveNoPublicMembers() {
        return new ArchCondition<>("have no public members") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                for (JavaMember member : javaClass.getMembers()) {
                    if (member.getModifiers().contains(JavaModifier.PUBLIC)) {
                        events.add(SimpleConditionEvent.violated(member, member.getFullName() + " is public"));
                    }
                }
            }
        };
    }
}
