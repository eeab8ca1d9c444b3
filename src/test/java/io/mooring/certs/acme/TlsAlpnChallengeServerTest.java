package io.mooring.certs.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The TLS-ALPN-01 server's port is free once it is closed, even on a machine whose CPUs are all busy. */
class TlsAlpnChallengeServerTest {
    private static final int TRIES = 10;

    @Test
    void noLongerListensOnceClosed() throws Exception {
        AtomicBoolean busy = new AtomicBoolean(true);
        List<Thread> spinners = new ArrayList<>();
        for (int i = 0; i < 2 * Runtime.getRuntime().availableProcessors(); i++) {
            Thread spinner = new Thread(() -> {
                while (busy.get()) {
                    Thread.onSpinWait();
                }
            });
            spinner.setDaemon(true);
            spinner.start();
            spinners.add(spinner);
        }
        try {
            for (int i = 0; i < TRIES; i++) {
                InetSocketAddress address;
                try (TlsAlpnChallengeServer server = TlsAlpnChallengeServer.start(new InetSocketAddress("127.0.0.1", 0))) {
                    address = new InetSocketAddress("127.0.0.1", server.port());
                    assertThat(Listening.at(address)).as("while open").isTrue();
                }
                assertThat(Listening.at(address)).as("once closed (try %d)", i + 1).isFalse();
            }
        } finally {
            busy.set(false);
            for (Thread spinner : spinners) {
                spinner.join();
            }
        }
    }
}
