package io.mooring.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP front for the engine's Unix socket that passes every byte through unchanged and notes when the
 * first request after {@link #mark} arrives: how a benchmark times "the agent's first engine call" without
 * touching the agent. Point the agent's dockerHost at {@link #address}.
 */
final class RecordingEngineProxy implements AutoCloseable {
    private final ServerSocket server;
    private final Path socket;
    private final AtomicLong markedAt = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong firstRequestAfterMark = new AtomicLong(-1);

    RecordingEngineProxy(Path engineSocket) throws IOException {
        this.socket = engineSocket;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "engine-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String address() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    /** From now on, the next request is the one to time. */
    void mark() {
        firstRequestAfterMark.set(-1);
        markedAt.set(System.nanoTime());
    }

    /** Nanoseconds from the mark to the first request after it; -1 while there is none. */
    long nanosToFirstRequest() {
        long at = firstRequestAfterMark.get();
        return at < 0 ? -1 : at - markedAt.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                SocketChannel engine = SocketChannel.open(StandardProtocolFamily.UNIX);
                engine.connect(UnixDomainSocketAddress.of(socket));
                start(() -> requests(client, engine));
                start(() -> answers(client, engine));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Client to engine; the channel's own read and write, not its stream adapters, which share one lock. */
    private void requests(Socket client, SocketChannel engine) {
        byte[] buffer = new byte[64 * 1024];
        try (client; engine) {
            InputStream in = client.getInputStream();
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (startsARequest(buffer, n)) {
                    long now = System.nanoTime();
                    if (now >= markedAt.get()) {
                        firstRequestAfterMark.compareAndSet(-1, now);
                    }
                }
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                while (chunk.hasRemaining()) {
                    engine.write(chunk);
                }
            }
        } catch (IOException e) {
            // one side closed
        }
    }

    private static void answers(Socket client, SocketChannel engine) {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        try (client; engine) {
            OutputStream out = client.getOutputStream();
            while (engine.read(buffer) >= 0) {
                out.write(buffer.array(), 0, buffer.position());
                out.flush();
                buffer.clear();
            }
        } catch (IOException e) {
            // one side closed
        }
    }

    private static void start(Runnable pump) {
        Thread thread = new Thread(pump, "engine-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static boolean startsARequest(byte[] buffer, int length) {
        if (length < 4) {
            return false;
        }
        String head = new String(buffer, 0, Math.min(length, 8), StandardCharsets.US_ASCII);
        return head.startsWith("GET ") || head.startsWith("POST ") || head.startsWith("HEAD ") || head.startsWith("DELETE ");
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
