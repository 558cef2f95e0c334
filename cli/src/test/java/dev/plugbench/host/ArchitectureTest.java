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

/**
 * The rules that keep the contract a contract and the modules apart, checked on the compiled classes
 * of every module: the CLI's test class path is the one that holds them all (api, toolkit, host,
 * harness, the four family modules, the CLI). Test classes and test jars are left out.
 */
class ArchitectureTest {
    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.plugbench");

    @Test
    void everyModuleIsOnTheClassPathChecked() {
        for (String module : java.util.List.of("dev.plugbench.api.ApiVersion", "dev.plugbench.toolkit.ToolkitStatus", "dev.plugbench.host.Plugbench",
                "dev.plugbench.harness.Harness", "dev.plugbench.cli.Main", "dev.plugbench.tasks.lwa.LwaFamily",
                "dev.plugbench.tasks.latent.LatentFamily", "dev.plugbench.tasks.attribution.AttributionFamily",
                "dev.plugbench.tasks.spectral.SpectralFamily")) {
            org.assertj.core.api.Assertions.assertThat(PRODUCTION.contain(module)).as(module).isTrue();
        }
    }

    /** The runtime an application embeds names no harness, CLI or family class. */
    @Test
    void theHostImportsNoHarnessCliOrFamilyClass() {
        noClasses().that().resideInAPackage("dev.plugbench.host..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.plugbench.harness..", "dev.plugbench.cli..", "dev.plugbench.tasks..")
                .check(PRODUCTION);
    }

    @Test
    void theHarnessImportsNoCliOrFamilyClass() {
        noClasses().that().resideInAPackage("dev.plugbench.harness..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.plugbench.cli..", "dev.plugbench.tasks..")
                .check(PRODUCTION);
    }

    /** A family module stands on the host and the harness only: no CLI, no other family. */
    @Test
    void familiesImportNoCliAndNoOtherFamily() {
        noClasses().that().resideInAPackage("dev.plugbench.tasks..")
                .should().dependOnClassesThat().resideInAPackage("dev.plugbench.cli..")
                .check(PRODUCTION);
        slices().matching("dev.plugbench.tasks.(*)..").should().notDependOnEachOther().check(PRODUCTION);
    }

    /** The descriptor is what an embedding application loads without the harness (an optional dependency of a family module). */
    @Test
    void familyDescriptorsNeedNoHarness() {
        noClasses().that().implement(FamilyDescriptor.class)
                .should().dependOnClassesThat().resideInAnyPackage("dev.plugbench.harness..", "org.knowm..", "org.hipparchus..")
                .check(PRODUCTION);
    }

    @Test
    void theContractDependsOnNoToolkitOrHostType() {
        noClasses().that().resideInAPackage("dev.plugbench.api..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.plugbench.host..", "dev.plugbench.toolkit..", "dev.plugbench.harness..",
                        "dev.plugbench.cli..", "dev.plugbench.tasks..")
                .check(PRODUCTION);
    }

    @Test
    void theToolkitDependsOnNoHostType() {
        noClasses().that().resideInAPackage("dev.plugbench.toolkit..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.plugbench.host..", "dev.plugbench.harness..", "dev.plugbench.cli..",
                        "dev.plugbench.tasks..")
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

    /** Families are found through their descriptors; the host, the harness and the CLI name none of them. */
    @Test
    void hostHarnessAndCliNameNoFamily() {
        noClasses().that().resideInAnyPackage("dev.plugbench.host..", "dev.plugbench.harness..", "dev.plugbench.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.plugbench.tasks..",
                        "dev.plugbench.api.lwa..", "dev.plugbench.api.latent..", "dev.plugbench.api.attribution..", "dev.plugbench.api.spectral..")
                .check(PRODUCTION);
    }

    @Test
    void onlyTheCliWritesToStandardStreams() {
        noClasses().that().resideOutsideOfPackage("dev.plugbench.cli..")
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
