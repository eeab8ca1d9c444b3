package io.mooring.reconcile;

import io.mooring.apply.RolloutRecorder;
import io.mooring.model.Deployment;
import io.mooring.model.DesiredContainer;
import io.mooring.model.JournalRecord;
import io.mooring.model.JournalStep;
import io.mooring.state.StateStore;
import java.time.Clock;
import java.util.Map;

/** The rollout journal and deployments of one tenant's pass, in the state store. */
final class StoreRecorder implements RolloutRecorder {
    private final StateStore store;
    private final String tenant;
    private final String node;
    private final String revision;
    private final Map<String, String> containerNames;
    private final Clock clock;

    StoreRecorder(StateStore store, String tenant, String node, String revision, Map<String, String> containerNames, Clock clock) {
        this.store = store;
        this.tenant = tenant;
        this.node = node;
        this.revision = revision;
        this.containerNames = Map.copyOf(containerNames);
        this.clock = clock;
    }

    @Override
    public void step(String component, JournalStep step, String detail, String newId, String oldId) {
        store.journal(new JournalRecord(tenant, node, component, containerNames.getOrDefault(component, tenant + "-" + component),
                step, detail, newId, oldId, revision, clock.instant()));
    }

    @Override
    public void finished(String component) {
        store.clearJournal(tenant, node, component);
    }

    @Override
    public void deployed(DesiredContainer desired, String containerId, String digest) {
        store.deployed(new Deployment(tenant, node, desired.component(), containerId, desired.image().reference(), digest,
                desired.specHash(), revision, clock.instant()));
    }

    @Override
    public void removed(String component) {
        store.undeployed(tenant, node, component);
    }
}
