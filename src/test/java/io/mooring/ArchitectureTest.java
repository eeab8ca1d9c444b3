package io.mooring;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The allowed package dependencies, enforced. The table is the one in src/ARCHITECTURE.md: a pure
 * core ({@code model}, {@code render}, {@code plan}), one adapter package per outside library, one
 * orchestrator ({@code reconcile}), thin HTTP and command line on top.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.mooring");
    }

    @Test
    void layersOnlyUseWhatTheTableAllows() {
        ArchRule rule = Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true)
                .layer("app").definedBy("io.mooring")
                .layer("model").definedBy("io.mooring.model..")
                .layer("inventory").definedBy("io.mooring.inventory..")
                .layer("render").definedBy("io.mooring.render..")
                .layer("plan").definedBy("io.mooring.plan..")
                .layer("source").definedBy("io.mooring.source")
                .layer("source.jgit").definedBy("io.mooring.source.jgit..")
                .layer("engine").definedBy("io.mooring.engine")
                .layer("engine.docker").definedBy("io.mooring.engine.docker..")
                .layer("apply").definedBy("io.mooring.apply..")
                .layer("reconcile").definedBy("io.mooring.reconcile..")
                .layer("backup").definedBy("io.mooring.backup..")
                .layer("state").definedBy("io.mooring.state")
                .layer("state.jdbi").definedBy("io.mooring.state.jdbi..")
                .layer("api").definedBy("io.mooring.api..")
                .layer("resources").definedBy("io.mooring.resources..")
                .layer("health").definedBy("io.mooring.health..")
                .layer("validate").definedBy("io.mooring.validate..")
                .layer("cli").definedBy("io.mooring.cli..")
                .whereLayer("cli").mayOnlyBeAccessedByLayers("app")
                .whereLayer("resources").mayOnlyBeAccessedByLayers("app")
                .whereLayer("health").mayOnlyBeAccessedByLayers("app")
                .whereLayer("api").mayOnlyBeAccessedByLayers("resources", "app")
                .whereLayer("reconcile").mayOnlyBeAccessedByLayers("cli", "app")
                .whereLayer("validate").mayOnlyBeAccessedByLayers("cli", "app")
                .whereLayer("apply").mayOnlyBeAccessedByLayers("reconcile")
                .whereLayer("source.jgit").mayOnlyBeAccessedByLayers("app")
                .whereLayer("engine.docker").mayOnlyBeAccessedByLayers("app")
                .whereLayer("state.jdbi").mayOnlyBeAccessedByLayers("app")
                .whereLayer("source").mayOnlyBeAccessedByLayers("source.jgit", "reconcile", "cli", "resources", "app")
                .whereLayer("inventory").mayOnlyBeAccessedByLayers("reconcile", "validate", "cli", "app")
                .whereLayer("render").mayOnlyBeAccessedByLayers("reconcile", "validate", "cli", "app")
                .whereLayer("plan").mayOnlyBeAccessedByLayers("apply", "reconcile", "cli", "resources", "api", "app");
        rule.check(classes);
    }

    @Test
    void theCoreIsPureJava() {
        ArchRule rule = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
                .that().resideInAnyPackage("io.mooring.model..", "io.mooring.render..", "io.mooring.plan..")
                .should().dependOnClassesThat().resideOutsideOfPackages("io.mooring.model..", "io.mooring.render..",
                        "io.mooring.plan..", "java..");
        rule.check(classes);
    }

    @Test
    void eachLibraryStaysInItsAdapter() {
        onlyIn("com.github.dockerjava..", "io.mooring.engine.docker..");
        onlyIn("org.eclipse.jgit..", "io.mooring.source.jgit..");
        onlyIn("org.apache.sshd..", "io.mooring.source.jgit..");
        onlyIn("org.bouncycastle..", "io.mooring.source.jgit..");
        onlyIn("org.jdbi..", "io.mooring.state.jdbi..", "io.mooring.wiring");
        onlyIn("liquibase..", "io.mooring.state.jdbi..");
        onlyIn("org.yaml.snakeyaml..", "io.mooring.inventory..");
        onlyIn("com.networknt..", "io.mooring.inventory..");
        onlyIn("software.amazon.awssdk..", "io.mooring.backup.s3..");
        onlyIn("com.exceptionfactory.jagged..", "io.mooring.backup");
        onlyIn("org.apache.commons.compress..", "io.mooring.backup");
    }

    private static void onlyIn(String library, String... packages) {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
                .that().resideOutsideOfPackages(packages)
                .should().dependOnClassesThat().resideInAPackage(library)
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.mooring.(*)..").should().beFreeOfCycles().check(classes);
    }
}
