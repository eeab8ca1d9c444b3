package io.mooring.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.engine.docker.DockerEngine;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine whose event stream answers and ends at once (a proxy in front of the socket that drops long requests, an
 * engine restarting): the watch backs off, 1 s doubling, instead of asking again every second.
 */
class EngineWatchIT {
    @Test
    void anEngineThatDropsTheStreamAtOnceIsAskedLessAndLessOften(@TempDir Path tmp) throws Exception {
        Path socket = tmp.resolve("engine.sock");
        AtomicInteger asked = new AtomicInteger();
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread engine = new Thread(() -> answerAndDrop(server, asked), "dropping-engine");
            engine.setDaemon(true);
            engine.start();
            try (DockerEngine docker = new DockerEngine("unix://" + socket)) {
                EngineWatch watch = new EngineWatch(docker);
                watch.start();
                // Asked at 0, 1, 3 and 7 s when backing off; at 0, 1, 2 ... 6 s when asked every second.
                Thread.sleep(6_500);
                watch.stop();
                assertThat(watch.reliable()).isFalse();
            }
        }
        assertThat(asked.get()).as("event streams asked in 6.5 s").isBetween(2, 4);
    }

    /** Reads each request's head, answers 200 with an empty body and closes: the stream is over as soon as it opens. */
    private static void answerAndDrop(ServerSocketChannel server, AtomicInteger asked) {
        while (server.isOpen()) {
            try (SocketChannel client = server.accept()) {
                ByteBuffer buffer = ByteBuffer.allocate(8192);
                StringBuilder head = new StringBuilder();
                while (!head.toString().contains("\r\n\r\n") && client.read(buffer) > 0) {
                    buffer.flip();
                    head.append(StandardCharsets.ISO_8859_1.decode(buffer));
                    buffer.clear();
                }
                if (head.toString().contains("/events")) {
                    asked.incrementAndGet();
                }
                client.write(ByteBuffer.wrap("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 0\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1)));
            } catch (IOException e) {
                return;
            }
        }
    }
}
