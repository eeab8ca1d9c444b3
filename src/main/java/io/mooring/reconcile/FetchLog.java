package io.mooring.reconcile;

import io.mooring.model.AgentEvents;
import io.mooring.source.Checkout;
import io.mooring.source.GitSource;
import io.mooring.source.SourceException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** A round's fetch of the repository: the newest revision fetched and the last failure kept, and told to the listeners. */
final class FetchLog {
    private final AgentEvents events;
    private final Clock clock;
    private volatile Reconciler.Fetched fetched;

    FetchLog(AgentEvents events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /** The checkout of {@code ref}, fetched first; a failure is kept beside the last revision fetched, and thrown. */
    Checkout fetch(GitSource source, String ref) {
        long started = System.nanoTime();
        Checkout checkout;
        try {
            checkout = source.checkout(ref);
        } catch (SourceException e) {
            Reconciler.Fetched last = fetched != null ? fetched : new Reconciler.Fetched(null, null, null, null, null);
            fetched = last.failed(e.getMessage(), clock.instant());
            events.fetched(Duration.ofNanos(System.nanoTime() - started), Optional.of(e.getMessage()));
            throw e;
        }
        events.fetched(Duration.ofNanos(System.nanoTime() - started), Optional.empty());
        fetched = new Reconciler.Fetched(checkout.revision().commit(), checkout.revision().subject(), clock.instant(), null, null);
        return checkout;
    }

    Optional<Reconciler.Fetched> last() {
        return Optional.ofNullable(fetched);
    }
}
