package dev.plugbench.host;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.plugbench.api.ApiStatus;
import org.junit.jupiter.api.Test;

/** The rules that keep the contract a contract, checked on the compiled classes. */
class ArchitectureTest {
    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.plugbench");

    @Test
    void apiDependsOnNoHostType() {
        noClasses().that().resideInAPackage("dev.plugbench.api..")
                .should().dependOnClassesThat().resideInAPackage("dev.plugbench.host..")
                .check(PRODUCTION);
    }

    @Test
    void everyPublicApiTypeDeclaresItsStability() {
        classes().that().resideInAPackage("dev.plugbench.api..").and().arePublic().and().areTopLevelClasses()
                .and().doNotHaveSimpleName("package-info")
                .should().beAnnotatedWith(ApiStatus.class)
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
        classes().that().resideInAPackage("dev.plugbench.host").and().haveSimpleNameEndingWith("Runtime")
                .or().haveSimpleNameEndingWith("Registry").or().haveSimpleNameEndingWith("ClassLoader")
                .should().notHaveModifier(JavaModifier.PUBLIC)
                .check(PRODUCTION);
    }
}
