package io.mooring;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A Docker socket for {@link ClassDataTraining}, so that the training's apply and agent go through the engine client's
 * requests and answers (its HTTP client's, the JSON it reads) as on a host, where they would otherwise stop at a socket
 * that is not there: the engine has no containers, no networks and no volumes, and knows nothing else (404). Each
 * answer is given as soon as a request's head is read, and ends its connection: nothing here waits on the client.
 */
final class TrainingEngine {
    private static final String NOT_KNOWN = "{\"message\":\"not known to the training engine\"}";
    /** A Unix socket's path is at most 107 bytes on Linux. */
    private static final int MAX_SOCKET_PATH = 100;

    private TrainingEngine() {
    }

    /**
     * The {@code unix://} address of a socket in {@code dir} (or, if its path is too long for one, in a folder of its
     * own under the temporary folder), answered on a daemon thread until the JVM exits; empty if none could be made.
     * The same folder gives the same address: the engine's lock file under /run/mooring is then the same at each run.
     */
    static Optional<String> start(Path dir) {
        try {
            Path socket = dir.resolve("engine.sock");
            if (socket.toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
                Path own = Files.createTempDirectory("mooring-training-");
                own.toFile().deleteOnExit();
                socket = own.resolve("engine.sock");
            }
            Files.deleteIfExists(socket);
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            socket.toFile().deleteOnExit();
            Thread thread = new Thread(() -> serve(server), "mooring-training-engine");
            thread.setDaemon(true);
            thread.start();
            return Optional.of("unix://" + socket);
        } catch (IOException | UnsupportedOperationException e) {
            System.out.println("training: no engine socket (" + e + "); the engine's client is trained less");
            return Optional.empty();
        }
    }

    /** Each connection on a daemon thread of its own: one that sends nothing holds up no other. */
    private static void serve(ServerSocketChannel server) {
        while (true) {
            try {
                SocketChannel client = server.accept();
                Thread thread = new Thread(() -> answer(client), "mooring-training-engine-client");
                thread.setDaemon(true);
                thread.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void answer(SocketChannel client) {
        try (client) {
            String[] request = head(client).split(" ", 3);
            String path = request.length > 1 ? request[1] : "/";
            answer(client, path.replaceFirst("^/v1\\.[0-9]+", "").replaceFirst("\\?.*", ""));
        } catch (IOException e) {
            // a client gone before its answer
        }
    }

    /** The request line and headers, up to the blank line (or what came before the client stopped sending). */
    private static String head(SocketChannel client) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        StringBuilder head = new StringBuilder();
        while (head.indexOf("\r\n\r\n") < 0 && head.length() < 65_536 && client.read(buffer) > 0) {
            buffer.flip();
            head.append(StandardCharsets.ISO_8859_1.decode(buffer));
            buffer.clear();
        }
        return head.toString();
    }

    private static void answer(SocketChannel client, String path) throws IOException {
        int status = 200;
        String body;
        if (path.equals("/_ping")) {
            body = "OK";
        } else if (path.equals("/version")) {
            body = "{\"Version\":\"28.2.2\",\"ApiVersion\":\"1.47\",\"MinAPIVersion\":\"1.24\",\"Os\":\"linux\",\"Arch\":\"amd64\"}";
        } else if (path.equals("/info")) {
            body = "{\"ID\":\"training\",\"Containers\":0,\"DockerRootDir\":\"/var/lib/docker\",\"Swarm\":{\"LocalNodeState\":\"inactive\"}}";
        } else if (path.equals("/containers/json") || path.equals("/networks") || path.equals("/images/json")) {
            body = "[]";
        } else if (path.equals("/volumes")) {
            body = "{\"Volumes\":[],\"Warnings\":null}";
        } else {
            status = 404;
            body = NOT_KNOWN;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String headers = "HTTP/1.1 " + status + (status == 200 ? " OK" : " Not Found") + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n";
        client.write(ByteBuffer.wrap(headers.getBytes(StandardCharsets.ISO_8859_1)));
        client.write(ByteBuffer.wrap(bytes));
    }
}
