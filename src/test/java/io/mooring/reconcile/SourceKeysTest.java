package io.mooring.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SourceKeysTest {
    @Test
    void aTenantsKeyIsWorkedOutOncePerCommit() {
        SourceKeys keys = new SourceKeys();
        AtomicInteger asked = new AtomicInteger();

        assertThat(keys.of("acme", "c1", () -> "k" + asked.incrementAndGet())).isEqualTo("k1");
        assertThat(keys.of("acme", "c1", () -> "k" + asked.incrementAndGet())).isEqualTo("k1");
        assertThat(keys.of("acme", "c2", () -> "k" + asked.incrementAndGet())).isEqualTo("k2");
        assertThat(keys.of("globex", "c2", () -> "k" + asked.incrementAndGet())).isEqualTo("k3");
        assertThat(asked).hasValue(3);
    }

    @Test
    void aTenantTheRoundNoLongerHasIsForgotten() {
        SourceKeys keys = new SourceKeys();
        AtomicInteger asked = new AtomicInteger();
        keys.of("acme", "c1", () -> "k" + asked.incrementAndGet());
        keys.of("gone", "c1", () -> "k" + asked.incrementAndGet());

        keys.retain(Set.of("acme"));

        assertThat(keys.of("acme", "c1", () -> "k" + asked.incrementAndGet())).isEqualTo("k1");
        assertThat(keys.of("gone", "c1", () -> "k" + asked.incrementAndGet())).isEqualTo("k3");
    }
}
