package io.msr.test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The architecture rules every module's {@code ArchitectureTest} applies the same way: no package in a cycle, and the
 * code as {@code docs/architecture.md} ({@link ArchitecturePage}) draws it. Needs ArchUnit on the test class path
 * (an optional dependency here: the modules with an architecture test declare it).
 */
public final class ArchitectureRules {

    private ArchitectureRules() {
    }

    /** A rule that no package of the classes it checks, the root included, takes part in a cycle. */
    public static ArchRule noPackageInACycle(String modules) {
        SliceAssignment byPackage = new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                return SliceIdentifier.of(javaClass.getPackageName());
            }

            @Override
            public String getDescription() {
                return "every package of " + modules;
            }
        };
        return slices().assignedFrom(byPackage).should().beFreeOfCycles();
    }

    /** Returns the packages of {@code classes}, sorted. */
    public static Set<String> packagesOf(JavaClasses classes) {
        Set<String> packages = new TreeSet<>();
        classes.forEach(javaClass -> packages.add(javaClass.getPackageName()));
        return packages;
    }

    /**
     * Returns a report per package of {@code page} whose classes use a package of the module that its row does not
     * allow; empty when the code keeps to the page.
     */
    public static List<String> dependenciesThePageForbids(ArchitecturePage page, JavaClasses classes) {
        List<String> violations = new ArrayList<>();
        for (String pkg : page.packages()) {
            Set<String> forbidden = page.forbiddenFor(pkg);
            if (forbidden.isEmpty()) {
                continue;
            }
            EvaluationResult result = noClasses().that().resideInAPackage(pkg)
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
                    .because("docs/architecture.md lets " + pkg + " use " + page.mayUse().get(pkg)
                            + " only: remove the dependency, or allow it there if the arrow is right")
                    .evaluate(classes);
            if (result.hasViolation()) {
                violations.add(result.getFailureReport().toString());
            }
        }
        return violations;
    }
}
