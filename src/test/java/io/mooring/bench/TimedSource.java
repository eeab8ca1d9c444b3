package io.mooring.bench;

import io.mooring.source.Checkout;
import io.mooring.source.CommitSignature;
import io.mooring.source.SignaturePolicy;
import io.mooring.source.GitSource;
import java.util.concurrent.atomic.AtomicLong;

/** The real Git source, with a stopwatch on its fetches; it delegates every call. */
final class TimedSource implements GitSource {
    private final GitSource source;
    private final AtomicLong nanos = new AtomicLong();

    TimedSource(GitSource source) {
        this.source = source;
    }

    void reset() {
        nanos.set(0);
    }

    long millis() {
        return nanos.get() / 1_000_000;
    }

    @Override
    public Checkout checkout(String ref) {
        long t = System.nanoTime();
        try {
            return source.checkout(ref);
        } finally {
            nanos.addAndGet(System.nanoTime() - t);
        }
    }

    @Override
    public CommitSignature signature(String commit, SignaturePolicy policy) {
        return source.signature(commit, policy);
    }

    @Override
    public void close() {
        source.close();
    }
}
