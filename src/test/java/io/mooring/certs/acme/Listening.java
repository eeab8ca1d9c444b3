package io.mooring.certs.acme;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Whether something accepts connections at an address: a challenge server's port is free once its order is done. */
final class Listening {
    private Listening() {
    }

    static boolean at(InetSocketAddress address) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(address, 1000);
            return true;
        } catch (ConnectException e) {
            return false;
        }
    }
}
