package io.mooring;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The allowed package dependencies, enforced. The table is the one in src/ARCHITECTURE.md: a pure
 * core ({@code model}, {@code render}, {@code plan}), one adapter package per outside library, one
 * orchestrator ({@code reconcile}), configuration and wiring apart, thin HTTP and command line on top.
 */
class ArchitectureTest {
    private static final String BASE = "io.mooring";
    private static final List<String> CORE = List.of("model", "inventory", "render", "plan");
    private static final List<String> PORTS = List.of("source", "engine", "state", "backup");

    /** Each package (a layer) and the packages it may use; who may use a package follows from it. */
    private static final Map<String, List<String>> MAY_USE = table();

    private static JavaClasses main;
    private static JavaClasses tests;

    private static Map<String, List<String>> table() {
        Map<String, List<String>> t = new LinkedHashMap<>();
        t.put("model", List.of());
        t.put("inventory", List.of("model"));
        t.put("render", List.of("model"));
        t.put("plan", List.of("model"));
        t.put("source", List.of("model"));
        t.put("source.jgit", List.of("source", "model"));
        t.put("engine", List.of("model"));
        t.put("engine.docker", List.of("engine", "model"));
        t.put("apply", List.of("plan", "engine", "model"));
        t.put("leader", List.of("model", "state"));
        t.put("certs", List.of("model"));
        t.put("reconcile", concat(CORE, PORTS, List.of("apply", "leader", "certs")));
        t.put("validate", List.of("model", "inventory", "render", "certs"));
        t.put("crypto", List.of("model"));
        t.put("certs.acme", List.of());
        t.put("commitstatus", List.of("model"));
        t.put("backup", List.of("model", "crypto"));
        t.put("backup.s3", List.of("backup", "model"));
        t.put("state", List.of("model"));
        t.put("state.jdbi", List.of("state", "model"));
        t.put("api", List.of("model", "plan"));
        t.put("resources", concat(List.of("api", "model", "plan"), PORTS));
        t.put("health", concat(List.of("model"), PORTS));
        t.put("web", concat(List.of("api", "model"), PORTS));
        t.put("config", List.of("model"));
        t.put("notify", List.of("model"));
        t.put("notify.mail", List.of("notify", "model"));
        t.put("metrics", List.of("model"));
        t.put("systemd", List.of());
        t.put("cli", concat(CORE, PORTS, List.of("reconcile", "validate", "config", "wiring", "crypto")));
        t.put("wiring", t.keySet().stream().filter(layer -> !List.of("cli", "api", "resources", "health").contains(layer)).toList());
        t.put("root", List.copyOf(t.keySet()));
        return t;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return Stream.of(lists).flatMap(List::stream).toList();
    }

    /** A sub-package like {@code source.jgit} is its own layer; every other layer takes its sub-packages with it. */
    private static String packageOf(String layer) {
        if (layer.equals("root")) {
            return BASE;
        }
        boolean hasAdapter = MAY_USE.keySet().stream().anyMatch(other -> other.startsWith(layer + "."));
        return BASE + "." + layer + (hasAdapter ? "" : "..");
    }

    @BeforeAll
    static void importClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(BASE);
        tests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS).importPackages(BASE);
    }

    @Test
    void eachPackageUsesOnlyWhatTheTableAllowsAndIsUsedOnlyByWhomItAllows() {
        Architectures.LayeredArchitecture rule = Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true);
        for (String layer : MAY_USE.keySet()) {
            rule = rule.layer(layer).definedBy(packageOf(layer));
        }
        for (Map.Entry<String, List<String>> entry : MAY_USE.entrySet()) {
            String layer = entry.getKey();
            List<String> users = MAY_USE.entrySet().stream().filter(e -> e.getValue().contains(layer)).map(Map.Entry::getKey).toList();
            rule = entry.getValue().isEmpty() ? rule.whereLayer(layer).mayNotAccessAnyLayer()
                    : rule.whereLayer(layer).mayOnlyAccessLayers(entry.getValue().toArray(String[]::new));
            rule = users.isEmpty() ? rule.whereLayer(layer).mayNotBeAccessedByAnyLayer()
                    : rule.whereLayer(layer).mayOnlyBeAccessedByLayers(users.toArray(String[]::new));
        }
        rule.check(main);
    }

    @Test
    void theRootPackageHoldsOnlyTheApplicationItsConfigurationAndItsTraining() {
        classes().that().resideInAPackage(BASE).should().haveNameMatching(
                        "io\\.mooring\\.(MooringApplication|MooringConfiguration|ClassDataTraining|TrainingEngine)(\\$.*)?")
                .check(main);
    }

    @Test
    void theConfigurationUsesOnlyTheModelDropwizardJacksonAndValidation() {
        classes().that().resideInAPackage("io.mooring.config..").should().onlyDependOnClassesThat().resideInAnyPackage(
                        "io.mooring.config..", "io.mooring.model..", "java..", "io.dropwizard..", "com.fasterxml.jackson..",
                        "jakarta.validation..", "org.hibernate.validator..")
                .allowEmptyShould(true)
                .check(main);
    }

    @Test
    void theCoreIsPureJava() {
        noClasses().that().resideInAnyPackage("io.mooring.model..", "io.mooring.render..", "io.mooring.plan..")
                .should().dependOnClassesThat().resideOutsideOfPackages("io.mooring.model..", "io.mooring.render..",
                        "io.mooring.plan..", "java..")
                .check(main);
    }

    @Test
    void eachLibraryStaysInItsAdapter() {
        onlyIn("com.github.dockerjava..", "io.mooring.engine.docker..");
        onlyIn("org.eclipse.jgit..", "io.mooring.source.jgit..");
        onlyIn("org.apache.sshd..", "io.mooring.source.jgit..");
        onlyIn("org.bouncycastle..", "io.mooring.source.jgit..", "io.mooring.certs..");
        onlyIn("org.bouncycastle.openpgp..", "io.mooring.source.jgit..");
        for (String pkix : List.of("org.bouncycastle.cert..", "org.bouncycastle.openssl..", "org.bouncycastle.operator..",
                "org.bouncycastle.pkcs..", "org.bouncycastle.asn1.x509..", "org.bouncycastle.asn1.x500..")) {
            onlyIn(pkix, "io.mooring.certs..");
        }
        onlyIn("org.jdbi..", "io.mooring.state.jdbi..");
        onlyIn("liquibase..", "io.mooring.state.jdbi..");
        onlyIn("org.h2..", "io.mooring.state.jdbi..");
        onlyIn("org.yaml.snakeyaml..", "io.mooring.inventory..");
        onlyIn("com.networknt..", "io.mooring.inventory..");
        onlyIn("software.amazon.awssdk..", "io.mooring.backup.s3..");
        onlyIn("com.exceptionfactory.jagged..", "io.mooring.crypto..");
        onlyIn("org.shredzone.acme4j..", "io.mooring.certs.acme..");
        onlyIn("org.apache.commons.compress..", "io.mooring.backup");
        onlyIn("jakarta.mail..", "io.mooring.notify.mail..");
        onlyIn("org.eclipse.angus..", "io.mooring.notify.mail..");
        onlyIn("io.prometheus..", "io.mooring.metrics..");
        onlyIn("com.sun.jna..", "io.mooring.systemd..");
    }

    private static void onlyIn(String library, String... packages) {
        noClasses().that().resideOutsideOfPackages(packages)
                .should().dependOnClassesThat().resideInAPackage(library)
                .allowEmptyShould(true)
                .check(main);
    }

    @Test
    void packagesHaveNoCyclesTheRootPackageIncluded() {
        slices().assignedFrom(TOP_LEVEL_PACKAGES).should().beFreeOfCycles().check(main);
    }

    /** Unit tests run without Docker, Git servers or the test environment: those belong in an {@code *IT}. */
    @Test
    void unitTestsUseNoDockerNoJGitAndNoTestEnvironment() {
        noClasses().that().haveNameMatching(".*Test(\\$.*)?")
                .should().dependOnClassesThat().resideInAnyPackage("com.github.dockerjava..", "io.mooring.engine.docker..",
                        "org.eclipse.jgit..", "io.mooring.source.jgit..", "io.mooring.testing..")
                .check(tests);
    }

    /** One slice per package under io.mooring, sub-packages with it, and one for the root package itself. */
    private static final SliceAssignment TOP_LEVEL_PACKAGES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            if (name.equals(BASE)) {
                return SliceIdentifier.of("root");
            }
            if (!name.startsWith(BASE + ".")) {
                return SliceIdentifier.ignore();
            }
            String below = name.substring(BASE.length() + 1);
            return SliceIdentifier.of(below.contains(".") ? below.substring(0, below.indexOf('.')) : below);
        }

        @Override
        public String getDescription() {
            return "the packages of io.mooring, the root package included";
        }
    };
}
