package io.mooring.wiring;

import io.mooring.model.AgentEvents;
import io.mooring.model.BackupEvent;
import io.mooring.model.PassRecord;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's listeners as one: each event told to each of them in turn, a listener that throws logged and passed
 * over, so that a broken listener never fails the pass, fetch or backup that told it.
 */
public final class Listeners implements AgentEvents {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);
    private final List<AgentEvents> listeners;

    public Listeners(List<AgentEvents> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void applying(String tenant, String node, String revision, int changes) {
        each(listener -> listener.applying(tenant, node, revision, changes));
    }

    @Override
    public void passEnded(PassRecord pass) {
        each(listener -> listener.passEnded(pass));
    }

    @Override
    public void fetched(Duration took, Optional<String> error) {
        each(listener -> listener.fetched(took, error));
    }

    @Override
    public void backupEnded(BackupEvent backup) {
        each(listener -> listener.backupEnded(backup));
    }

    private void each(java.util.function.Consumer<AgentEvents> told) {
        for (AgentEvents listener : listeners) {
            try {
                told.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("a listener ({}) failed; the agent goes on: {}", listener.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
