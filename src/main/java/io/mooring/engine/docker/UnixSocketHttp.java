package io.mooring.engine.docker;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Engine API over its Unix socket, through the JDK's own Unix-domain channels: HTTP/1.1, one connection a request
 * ({@code Connection: close}), answers read as they come (a stream of events or pull progress, chunked or not), each
 * read given up after {@code readTimeout} without a byte, as the pooled client before it did. docker-java's Apache
 * transport cost every command and every agent start some 35 ms to build (a connection pool, TLS and a public-suffix
 * list a socket on this host never needs). Closing the client closes the answers still open (event streams).
 */
final class UnixSocketHttp implements DockerHttpClient {
    /** A status line and headers longer than this are not the engine's. */
    private static final int MAX_HEAD = 64 << 10;

    private final Path socket;
    private final Duration readTimeout;
    private final Set<Answer> open = ConcurrentHashMap.newKeySet();

    UnixSocketHttp(Path socket, Duration readTimeout) {
        this.socket = socket;
        this.readTimeout = readTimeout;
    }

    @Override
    public Response execute(Request request) {
        if (request.hijackedInput() != null) {
            throw new IllegalStateException("a request that writes to a container's standard input is not sent over " + socket);
        }
        SocketChannel channel = null;
        try {
            byte[] body = body(request);
            ByteBuffer head = ByteBuffer.wrap(head(request, body).getBytes(StandardCharsets.UTF_8));
            channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
            while (head.hasRemaining()) {
                channel.write(head);
            }
            ByteBuffer rest = ByteBuffer.wrap(body);
            while (rest.hasRemaining()) {
                channel.write(rest);
            }
            Answer answer = new Answer(new SocketBody.Raw(channel, readTimeout));
            open.add(answer);
            try {
                answer.readHead(request.method());
            } catch (IOException | RuntimeException e) {
                answer.close();
                throw e;
            }
            return answer;
        } catch (IOException e) {
            close(channel);
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] body(Request request) throws IOException {
        if (request.bodyBytes() != null) {
            return request.bodyBytes();
        }
        try (InputStream in = request.body()) {
            return in == null ? new byte[0] : in.readAllBytes();
        }
    }

    private static String head(Request request, byte[] body) {
        StringBuilder head = new StringBuilder(request.method()).append(' ').append(request.path()).append(" HTTP/1.1\r\n");
        head.append("Host: docker\r\nConnection: close\r\n");
        request.headers().forEach((name, value) -> {
            if (name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("header " + name + " holds a line break");
            }
            head.append(name).append(": ").append(value).append("\r\n");
        });
        if (body.length > 0 || !List.of("GET", "HEAD", "DELETE").contains(request.method())) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    private static void close(SocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already unusable
            }
        }
    }

    @Override
    public void close() {
        for (Answer answer : List.copyOf(open)) {
            answer.close();
        }
    }

    /** The engine's answer: its status and headers read, its body read as the caller reads it. */
    private final class Answer implements Response {
        private final SocketBody.Raw raw;
        private int status;
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private InputStream body;

        /** Closing the body, as a caller that only reads it does, closes the answer. */
        Answer(SocketBody.Raw raw) {
            this.raw = raw;
            raw.onClose(() -> open.remove(this));
        }

        void readHead(String method) throws IOException {
            String statusLine = line();
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("the engine at " + socket + " answered something that is not HTTP: " + statusLine);
            }
            try {
                status = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IOException("the engine at " + socket + " answered with no status: " + statusLine, e);
            }
            int read = statusLine.length();
            for (String line = line(); !line.isEmpty(); line = line()) {
                read += line.length();
                if (read > MAX_HEAD) {
                    throw new IOException("the engine at " + socket + " answered with headers over " + (MAX_HEAD >> 10) + " KiB");
                }
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.computeIfAbsent(line.substring(0, colon).strip(), k -> new ArrayList<>()).add(line.substring(colon + 1).strip());
                }
            }
            String encoding = header("Transfer-Encoding");
            String length = header("Content-Length");
            if (method.equals("HEAD") || status / 100 == 1 || status == 204 || status == 304) {
                body = new SocketBody.Limited(raw, 0); // empty, and closing it closes the connection, as any body's does
            } else if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
                body = new SocketBody.Chunked(raw);
            } else if (length != null) {
                try {
                    body = new SocketBody.Limited(raw, Long.parseLong(length.strip()));
                } catch (NumberFormatException e) {
                    throw new IOException("the engine at " + socket + " answered with a Content-Length of " + length, e);
                }
            } else {
                body = raw;
            }
        }

        private String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = raw.read(); b != '\n'; b = raw.read()) {
                if (b < 0) {
                    throw new IOException("the engine at " + socket + " closed the connection before its answer's headers ended");
                }
                if (line.size() > MAX_HEAD) {
                    throw new IOException("the engine at " + socket + " answered with a header line over " + (MAX_HEAD >> 10) + " KiB");
                }
                line.write(b);
            }
            String text = line.toString(StandardCharsets.ISO_8859_1);
            return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        }

        @Override
        public int getStatusCode() {
            return status;
        }

        @Override
        public Map<String, List<String>> getHeaders() {
            return headers;
        }

        @Override
        public String getHeader(String name) {
            return header(name);
        }

        private String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        @Override
        public InputStream getBody() {
            return body;
        }

        @Override
        public void close() {
            raw.close();
        }
    }
}
