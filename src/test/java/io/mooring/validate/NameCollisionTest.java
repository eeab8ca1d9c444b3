package io.mooring.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.model.Guardrails;
import io.mooring.source.FileTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two tenants of one repository whose container names would be the same are refused before anything runs. */
class NameCollisionTest {
    @TempDir
    Path repo;

    private void tenant(String tenant, String service) throws IOException {
        withServices(tenant, service(service, ""));
    }

    private void withServices(String tenant, String... services) throws IOException {
        Path dir = Files.createDirectories(repo.resolve("instances").resolve(tenant));
        Files.writeString(dir.resolve("inventory.yml"), "all:\n  hosts:\n    node-a: {}\n");
        Files.writeString(dir.resolve("components.yml"), "services:\n" + String.join("", services));
    }

    private static String service(String name, String extra) {
        return "  " + name + ":\n    image: registry.example/web:1.0\n" + extra;
    }

    private static String migrateHook() {
        return "    x-mooring:\n      hooks:\n        before: [{name: migrate, command: [\"true\"]}]\n";
    }

    private Map<String, List<String>> problems() {
        return Validator.repository(new FileTree(repo), Guardrails.defaults()).stream().collect(Collectors.toMap(Validator.Result::tenant,
                r -> r.problems().stream().map(p -> Validator.format("", p)).toList()));
    }

    @Test
    void tenantsWhoseContainerNamesRunTogetherAreBothToldAndNamed() throws IOException {
        tenant("acme-web", "db");
        tenant("acme", "web-db");

        Map<String, List<String>> problems = problems();

        String message = "container name acme-web-db is taken by tenant acme (service web-db) and tenant acme-web (service db)";
        assertThat(problems.get("acme")).singleElement().asString()
                .startsWith("instances/acme/components.yml:1:1: ").contains(message);
        assertThat(problems.get("acme-web")).singleElement().asString()
                .startsWith("instances/acme-web/components.yml:1:1: ").contains(message);
    }

    @Test
    void tenantsWithNamesOfTheirOwnAreValid() throws IOException {
        tenant("acme-web", "db");
        tenant("acme", "web");

        assertThat(problems()).containsOnly(Map.entry("acme-web", List.of()), Map.entry("acme", List.of()));
    }

    @Test
    void aHookJobsNameThatAnotherTenantsServiceWantsIsRefusedForBoth() throws IOException {
        withServices("acme", service("web", migrateHook()));
        tenant("acme-web", "hook-migrate");

        Map<String, List<String>> problems = problems();

        String message = "container name acme-web-hook-migrate is taken by tenant acme (service web, the job of its hook migrate)"
                + " and tenant acme-web (service hook-migrate)";
        assertThat(problems.get("acme")).singleElement().asString().startsWith("instances/acme/components.yml:1:1: ").contains(message);
        assertThat(problems.get("acme-web")).singleElement().asString().contains(message);
    }

    @Test
    void aHookJobsNameThatAServiceOfTheSameTenantWantsIsRefusedToo() throws IOException {
        withServices("acme", service("web", migrateHook()), service("web-hook-migrate", ""));

        assertThat(problems().get("acme")).singleElement().asString().contains("container name acme-web-hook-migrate is taken by"
                + " tenant acme (service web, the job of its hook migrate) and tenant acme (service web-hook-migrate)");
    }

    @Test
    void hookJobsWithNamesOfTheirOwnAreValid() throws IOException {
        withServices("acme", service("web", migrateHook()), service("db", migrateHook()));
        withServices("globex", service("web", migrateHook()));

        assertThat(problems()).containsOnly(Map.entry("acme", List.of()), Map.entry("globex", List.of()));
    }
}
