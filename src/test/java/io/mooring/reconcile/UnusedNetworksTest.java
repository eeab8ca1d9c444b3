package io.mooring.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.engine.Engine;
import io.mooring.engine.EngineException;
import io.mooring.model.DesiredState;
import io.mooring.model.ObservedContainer;
import io.mooring.model.ObservedState;
import io.mooring.model.Revision;
import io.mooring.plan.Action;
import io.mooring.plan.Plan;
import io.mooring.plan.Reason;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnusedNetworksTest {
    private static final Revision REVISION = new Revision("abc123", "rename back");
    private static final String BACK = "mooring-acme-N-back";
    private static final String OLD = "mooring-acme-N-old";
    private static final String GONE = "mooring-acme-N-gone";

    private final List<String> removed = new ArrayList<>();

    /** An engine holding the three networks, with these containers there; removing {@code refuses} fails. */
    private Engine engine(List<ObservedContainer> there, String refuses) {
        return (Engine) Proxy.newProxyInstance(Engine.class.getClassLoader(), new Class<?>[] {Engine.class}, (proxy, method, args) ->
                switch (method.getName()) {
                    case "observe" -> new ObservedState("acme", there);
                    case "composeNetworks" -> List.of(OLD, BACK, GONE);
                    case "removeNetwork" -> {
                        if (args[0].equals(refuses)) {
                            throw new EngineException("network " + refuses + " has active endpoints");
                        }
                        removed.add((String) args[0]);
                        yield true;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static ObservedContainer container(String name, String state, List<String> networks) {
        return new ObservedContainer("id-" + name, name, "acme", name.substring(5), "abc", "hash", "web:1", state, "", "web:1",
                Map.of(), "", false, List.of(), List.of(), networks);
    }

    private static Plan changed() {
        ObservedContainer db = container("acme-db", "running", List.of("mooring-acme"));
        return new Plan("acme", "node-1", REVISION, List.of(new Action.Remove(db, Reason.of(Reason.Code.NOT_DESIRED))));
    }

    @Test
    void aNetworkAnOldStoppedContainerIsStillOnIsKeptWhateverTheDesiredStateSays() {
        List<String> notes = new ArrayList<>();
        // The window deferred the web's replace: the old container, exited, is still on the network the new revision renamed.
        ObservedContainer web = container("acme-web", "exited", List.of("mooring-acme", OLD));

        UnusedNetworks.prune(engine(List.of(web), ""), new DesiredState("acme", "node-1", REVISION, List.of()), changed(), notes);

        assertThat(removed).containsExactlyInAnyOrder(BACK, GONE);
        assertThat(notes).noneMatch(n -> n.contains(OLD));
    }

    @Test
    void eachNetworkIsTriedOnItsOwn() {
        List<String> notes = new ArrayList<>();

        UnusedNetworks.prune(engine(List.of(), OLD), new DesiredState("acme", "node-1", REVISION, List.of()), changed(), notes);

        assertThat(removed).containsExactly(BACK, GONE);
        assertThat(notes).anyMatch(n -> n.startsWith("network " + OLD + ", which no service joins any more, is kept: network " + OLD
                + " has active endpoints"));
    }
}
