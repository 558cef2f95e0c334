package dev.plugbench.host;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.plugbench.api.ApiStatus;
import dev.plugbench.toolkit.ToolkitStatus;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules that keep the contract a contract and the layers apart, checked on the compiled classes. */
class ArchitectureTest {
    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.plugbench");

    @Test
    void theContractDependsOnNoToolkitOrHostType() {
        noClasses().that().resideInAPackage("dev.plugbench.api..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.plugbench.host..", "dev.plugbench.toolkit..")
                .check(PRODUCTION);
    }

    @Test
    void theToolkitDependsOnNoHostType() {
        noClasses().that().resideInAPackage("dev.plugbench.toolkit..")
                .should().dependOnClassesThat().resideInAPackage("dev.plugbench.host..")
                .check(PRODUCTION);
    }

    @Test
    void everyToolkitPackageDeclaresItsStability() {
        classes().that().resideInAPackage("dev.plugbench.toolkit..").and().haveSimpleName("package-info")
                .should().beAnnotatedWith(ToolkitStatus.class)
                .check(PRODUCTION);
    }

    /** What a plugin sees of the host: contract types, JDK types and ND4J arrays, nothing else. */
    @Test
    void contractSignaturesMentionOnlyContractJdkAndArrayTypes() {
        methods().that().areDeclaredInClassesThat().resideInAPackage("dev.plugbench.api..").and().arePublic()
                .should(new ArchCondition<JavaMethod>("mention only contract types, JDK types and INDArray") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        Set<JavaClass> used = new java.util.LinkedHashSet<>(method.getRawParameterTypes());
                        used.add(method.getRawReturnType());
                        for (JavaClass t : used) {
                            JavaClass base = t.isArray() ? t.getBaseComponentType() : t;
                            String name = base.getName();
                            boolean allowed = base.isPrimitive() || name.startsWith("dev.plugbench.api.") || name.startsWith("java.")
                                    || name.equals("org.nd4j.linalg.api.ndarray.INDArray");
                            if (!allowed) {
                                events.add(SimpleConditionEvent.violated(method, method.getFullName() + " mentions " + name));
                            }
                        }
                    }
                })
                .check(PRODUCTION);
    }

    @Test
    void everyPublicApiTypeDeclaresItsStability() {
        classes().that().resideInAPackage("dev.plugbench.api..").and().arePublic().and().areTopLevelClasses()
                .and().doNotHaveSimpleName("package-info")
                .should().beAnnotatedWith(ApiStatus.class)
                .check(PRODUCTION);
    }

    /** Families are found through their descriptors; the core (host, harness, CLI) names none of them. */
    @Test
    void theHostCoreDependsOnNoTaskAndNamesNoFamily() {
        noClasses().that().resideInAnyPackage("dev.plugbench.host", "dev.plugbench.host.bench", "dev.plugbench.host.cli")
                .should().dependOnClassesThat().resideInAnyPackage("dev.plugbench.host.tasks..", "dev.plugbench.host.monitor..",
                        "dev.plugbench.api.lwa..", "dev.plugbench.api.latent..", "dev.plugbench.api.attribution..", "dev.plugbench.api.spectral..")
                .check(PRODUCTION);
    }

    @Test
    void onlyTheCliWritesToStandardStreams() {
        noClasses().that().resideOutsideOfPackage("dev.plugbench.host.cli..")
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .check(PRODUCTION);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.plugbench.(**)").should().beFreeOfCycles().check(PRODUCTION);
    }

    @Test
    void hostInternalsArePackagePrivate() {
        // one predicate: "in host AND (Runtime OR Registry OR ClassLoader)", not ".and().or()", which ArchUnit
        // reads left to right and so matched every *Registry and *ClassLoader in dev.plugbench
        classes().that().haveNameMatching("dev\\.plugbench\\.host\\.[A-Za-z]+(Runtime|Registry|ClassLoader)")
                .should().notHaveModifier(JavaModifier.PUBLIC)
                .check(PRODUCTION);
    }
}
