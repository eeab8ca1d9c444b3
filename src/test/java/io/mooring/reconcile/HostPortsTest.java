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

    private static DesiredContainer web(String... ports) {
        return new DesiredContainer("acme", "web", "acme-web", ImageRef.parse("web:1"), List.of(), new TreeMap<>(Map.of()),
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
        var taken = HostPorts.taken("acme", plan(new Action.Create(web("8080:80", "9090:90"), MISSING)),
                engine(new PublishedPort("globex", "globex-api", "127.0.0.1", 8080, "tcp")));

        assertThat(taken).hasValueSatisfying(m -> assertThat(m).contains("service web publishes host port 0.0.0.0:8080/tcp, which"
                + " container globex-api of tenant globex holds (127.0.0.1:8080/tcp)").contains("nothing was changed"));
        assertThat(asked).hasValue(1);
    }

    @Test
    void itsOwnPortsOtherAddressesAndOtherProtocolsAreFree() {
        var taken = HostPorts.taken("acme", plan(new Action.Replace(web("127.0.0.1:8080:80", "53:53/udp"),
                new ObservedContainer("id", "acme-web", "acme", "web", "old", "h", "web:1", "running"), MISSING)),
                engine(new PublishedPort("acme", "acme-web", "0.0.0.0", 8080, "tcp"),
                        new PublishedPort("globex", "globex-api", "127.0.0.2", 8080, "tcp"),
                        new PublishedPort("globex", "globex-dns", "0.0.0.0", 53, "tcp")));

        assertThat(taken).isEmpty();
    }

    @Test
    void theEngineIsNotAskedWhenNothingNewPublishesAPort() {
        DesiredContainer unpublished = web("80");
        assertThat(HostPorts.taken("acme", plan(new Action.Create(unpublished, MISSING),
                new Action.Keep(web("8080:80"), null, new Reason(Reason.Code.UP_TO_DATE, ""))), engine())).isEmpty();
        assertThat(asked).hasValue(0);
    }
}
