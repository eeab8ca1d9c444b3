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

/** Two tenants publishing the same host port on one node are both refused, each at the line that publishes it. */
class PortCollisionTest {
    @TempDir
    Path repo;

    private void tenant(String tenant, String hosts, String service, String ports) throws IOException {
        Path dir = Files.createDirectories(repo.resolve("instances").resolve(tenant));
        Files.writeString(dir.resolve("inventory.yml"), "all:\n  hosts:\n" + hosts + "  vars:\n    web_port: \"8080\"\n");
        Files.writeString(dir.resolve("components.yml"), "services:\n  " + service + ":\n    image: registry.example/web:1.0\n"
                + "    ports: " + ports + "\n");
    }

    private Map<String, List<String>> problems() {
        return Validator.repository(new FileTree(repo), Guardrails.defaults()).stream().collect(Collectors.toMap(Validator.Result::tenant,
                r -> r.problems().stream().map(p -> Validator.format("", p)).toList()));
    }

    @Test
    void twoTenantsOnOneHostPortOfOneNodeAreBothToldWhoElseHoldsIt() throws IOException {
        tenant("acme", "    node-a: {}\n", "web", "[\"${web_port}:80\"]");
        tenant("globex", "    node-a: {}\n", "api", "[\"127.0.0.1:8080:8080\"]");

        Map<String, List<String>> problems = problems();

        assertThat(problems.get("acme")).singleElement().asString()
                .startsWith("instances/acme/components.yml:4:13: ")
                .contains("host port 8080/tcp on node node-a is published by both tenant acme (service web, 0.0.0.0:8080/tcp)"
                        + " and tenant globex (service api, 127.0.0.1:8080/tcp)");
        assertThat(problems.get("globex")).singleElement().asString()
                .startsWith("instances/globex/components.yml:4:13: ")
                .contains("published by both tenant globex (service api, 127.0.0.1:8080/tcp) and tenant acme (service web, 0.0.0.0:8080/tcp)");
    }

    @Test
    void everyAddressOverlapsEachOtherToo() throws IOException {
        tenant("acme", "    node-a: {}\n", "web", "[\"0.0.0.0:8080:80\"]");
        tenant("globex", "    node-a: {}\n", "api", "[\"8080:8080\"]");

        assertThat(problems().get("acme")).singleElement().asString().contains("tenant globex (service api, 0.0.0.0:8080/tcp)");
    }

    @Test
    void otherAddressesProtocolsPortsOrNodesDoNotClash() throws IOException {
        tenant("acme", "    node-a: {}\n", "web", "[\"127.0.0.1:8080:80\", \"9090:90/udp\", \"8081:80\"]");
        tenant("globex", "    node-a: {}\n", "api", "[\"127.0.0.2:8080:8080\", \"9090:90/tcp\", \"8082:80\"]");
        tenant("initech", "    node-b: {}\n", "web", "[\"8081:80\"]");
        tenant("umbrella", "    node-a: {}\n", "web", "[\"80\"]");

        assertThat(problems()).allSatisfy((tenant, found) -> assertThat(found).as(tenant).isEmpty());
    }

    @Test
    void oneTenantsOwnServicesAreLeftToTheEngine() throws IOException {
        tenant("acme", "    node-a: {}\n", "web", "[\"8080:80\"]");
        Files.writeString(repo.resolve("instances/acme/components.yml"), "services:\n"
                + "  web:\n    image: registry.example/web:1.0\n    ports: [\"8080:80\"]\n"
                + "  api:\n    image: registry.example/api:1.0\n    ports: [\"0.0.0.0:8080:8080\"]\n");
        tenant("globex", "    node-a: {}\n", "web", "[\"9090:80\"]");

        Map<String, List<String>> problems = problems();

        assertThat(Validator.repository(new FileTree(repo), Guardrails.defaults()).stream().filter(r -> r.tenant().equals("acme"))
                .findFirst().orElseThrow().hosts().get("node-a").containers()).as("both services on node-a")
                .extracting(c -> c.component()).containsExactlyInAnyOrder("web", "api");
        assertThat(problems.get("acme")).as("two of one tenant's services on one port: its own affair").isEmpty();
        assertThat(problems.get("globex")).isEmpty();
    }

    @Test
    void hostsOfOneNameOnMachinesOfTheirOwnDoNotClash() throws IOException {
        tenant("acme", "    omnileads-app: {ansible_host: 190.19.111.22}\n", "web", "[\"443:443\"]");
        tenant("globex", "    omnileads-app: {ansible_host: 200.1.1.1}\n", "web", "[\"443:443\"]");
        tenant("initech", "    omnileads-app: {ansible_host: 190.19.111.22}\n", "web", "[\"443:443\"]");

        Map<String, List<String>> problems = problems();

        assertThat(problems.get("globex")).as("its own machine").isEmpty();
        assertThat(problems.get("acme")).singleElement().asString().contains("host port 443/tcp on node omnileads-app (ansible_host"
                + " 190.19.111.22) is published by both tenant acme (service web, 0.0.0.0:443/tcp) and tenant initech");
    }
}
