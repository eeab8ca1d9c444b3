package io.mooring.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.engine.Engine.PublishedPort;
import io.mooring.model.DesiredContainer;
import io.mooring.model.HostAccess;
import io.mooring.model.ImageRef;
import io.mooring.model.ObservedContainer;
import io.mooring.model.PortMapping;
import io.mooring.model.Revision;
import io.mooring.model.Rollout;
import io.mooring.plan.Action;
import io.mooring.plan.Plan;
import io.mooring.plan.Reason;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** A pass's new containers against the host ports other tenants' containers publish: asked once, and only when it matters. */
class HostPortsTest {
    private static final Revision REV = new Revision("abc", "subject");
    private static final Reason MISSING = new Reason(Reason.Code.MISSING, "");
    private final AtomicInteger asked = new AtomicInteger();
    private final PortClaims claims = new PortClaims();

    private static DesiredContainer web(String... ports) {
        return container("acme", ports);
    }

    private static DesiredContainer container(String tenant, String... ports) {
        return new DesiredContainer(tenant, "web", tenant + "-web", ImageRef.parse("web:1"), List.of(), new TreeMap<>(Map.of()),
                java.util.Arrays.stream(ports).map(PortMapping::parse).toList(), List.of(), "unless-stopped", new TreeMap<>(), List.of(),
                null, HostAccess.NONE, List.of(), Rollout.DEFAULT, new TreeMap<>(), "hash");
    }

    private static Plan plan(Action... actions) {
        return new Plan("acme", "node-a", REV, List.of(actions));
    }

    private Supplier<List<PublishedPort>> engine(PublishedPort... published) {
        return () -> {
            asked.incrementAndGet();
            return List.of(published);
        };
    }

    @Test
    void aPortAnotherTenantsContainerPublishesIsTakenNamingThatTenantAndContainer() {
        var taken = HostPorts.claim("acme", plan(new Action.Create(web("8080:80", "9090:90"), MISSING)),
                engine(new PublishedPort("globex", "globex-api", "127.0.0.1", 8080, "tcp")), claims).taken();

        assertThat(claims.claimed()).as("a refused pass claims nothing").isEmpty();
        assertThat(taken).hasValueSatisfying(m -> assertThat(m).contains("service web publishes host port 0.0.0.0:8080/tcp, which"
                + " container globex-api of tenant globex holds (127.0.0.1:8080/tcp)").startsWith("node node-a: ")
                .contains("nothing was changed. The next pass tries again once tenant globex lets the port go")
                .doesNotContain("mooring validate"));
        assertThat(asked).hasValue(1);
    }

    @Test
    void itsOwnPortsOtherAddressesAndOtherProtocolsAreFree() {
        var taken = HostPorts.claim("acme", plan(new Action.Replace(web("127.0.0.1:8080:80", "53:53/udp"),
                new ObservedContainer("id", "acme-web", "acme", "web", "old", "h", "web:1", "running"), MISSING)),
                engine(new PublishedPort("acme", "acme-web", "0.0.0.0", 8080, "tcp"),
                        new PublishedPort("globex", "globex-api", "127.0.0.2", 8080, "tcp"),
                        new PublishedPort("globex", "globex-dns", "0.0.0.0", 53, "tcp")), claims).taken();

        assertThat(taken).isEmpty();
    }

    @Test
    void theTenantsOwnPortOnAnotherNodeSharingTheEngineIsTakenWhileItsOwnAndUnlabelledOnesAreNot() {
        var taken = HostPorts.claim("acme", plan(new Action.Create(web("8080:80", "9090:90"), MISSING)),
                engine(new PublishedPort("acme", "acme-api", "0.0.0.0", 8080, "tcp", "node-b"),
                        new PublishedPort("acme", "acme-old", "0.0.0.0", 9090, "tcp", "")), claims).taken();

        assertThat(taken).hasValueSatisfying(m -> assertThat(m)
                .contains("host port 0.0.0.0:8080/tcp, which container acme-api of tenant acme on node node-b holds")
                .doesNotContain("9090"));
        assertThat(HostPorts.claim("acme", plan(new Action.Create(web("8080:80"), MISSING)),
                engine(new PublishedPort("acme", "acme-web", "0.0.0.0", 8080, "tcp", "node-a")), claims).taken()).isEmpty();
    }

    @Test
    void theEngineIsNotAskedWhenNothingNewPublishesAPort() {
        DesiredContainer unpublished = web("80");
        assertThat(HostPorts.claim("acme", plan(new Action.Create(unpublished, MISSING),
                new Action.Keep(web("8080:80"), null, new Reason(Reason.Code.UP_TO_DATE, ""))), engine(), claims).taken()).isEmpty();
        assertThat(asked).hasValue(0);
    }

    @Test
    void aPortAnotherTenantsPassUnderWayHasClaimedIsTakenUntilThatPassEnds() {
        Plan globexReplace = new Plan("globex", "node-a", REV, List.of(new Action.Replace(container("globex", "443:443"),
                new ObservedContainer("id", "globex-web", "globex", "web", "old", "h", "web:1", "running"), MISSING)));
        // globex's pass checked the engine and claimed 443; it now stops its old container, and the engine shows 443 free.
        HostPorts.Claimed replacing = HostPorts.claim("globex", globexReplace, engine(), claims);
        assertThat(replacing.taken()).isEmpty();

        HostPorts.Claimed refused = HostPorts.claim("acme", plan(new Action.Create(web("[::]:443:8443"), MISSING)), engine(), claims);

        assertThat(refused.taken()).hasValueSatisfying(m -> assertThat(m).contains("service web publishes host port [::]:443/tcp,"
                + " which tenant globex's pass under way is about to publish for container globex-web (0.0.0.0:443/tcp)"));
        assertThat(asked).as("one engine call per pass").hasValue(2);
        refused.close();
        assertThat(claims.claimed()).singleElement().extracting(PublishedPort::tenant).isEqualTo("globex");

        replacing.close();
        assertThat(claims.claimed()).isEmpty();
        try (HostPorts.Claimed after = HostPorts.claim("acme", plan(new Action.Create(web("[::]:443:8443"), MISSING)), engine(), claims)) {
            assertThat(after.taken()).isEmpty();
            assertThat(claims.claimed()).singleElement().extracting(PublishedPort::tenant).isEqualTo("acme");
        }
        assertThat(claims.claimed()).isEmpty();
    }

    @Test
    void aTenantsOwnClaimsDoNotStandInItsWay() {
        HostPorts.claim("acme", plan(new Action.Create(web("8080:80"), MISSING)), engine(), claims);

        assertThat(HostPorts.claim("acme", plan(new Action.Create(web("8080:80"), MISSING)), engine(), claims).taken()).isEmpty();
    }
}
