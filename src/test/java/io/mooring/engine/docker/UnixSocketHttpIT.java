package io.mooring.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Unix-socket transport against an engine that misbehaves on purpose: a socket of the test's own that reads the
 * request and answers what each test writes (the real engine's answers are DockerEngineIT's and every end-to-end test's).
 */
class UnixSocketHttpIT {
    @TempDir
    Path dir;
    private ServerSocketChannel server;
    private Path socket;

    @BeforeEach
    void listen() throws IOException {
        socket = dir.resolve("engine.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    /** Accepts one connection and hands over the request's head, then the connection, for the test to answer on. */
    private CompletableFuture<SocketChannel> accept(SynchronousQueue<String> requests) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                SocketChannel channel = server.accept();
                ByteArrayOutputStream request = new ByteArrayOutputStream();
                ByteBuffer buffer = ByteBuffer.allocate(4096);
                while (!complete(request.toString(StandardCharsets.UTF_8))) {
                    buffer.clear();
                    if (channel.read(buffer) < 0) {
                        break;
                    }
                    request.write(buffer.array(), 0, buffer.position());
                }
                requests.put(request.toString(StandardCharsets.UTF_8));
                return channel;
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Whether the request's head has ended and as much body as its Content-Length says has come. */
    private static boolean complete(String request) {
        int end = request.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("Content-Length: (\\d+)\r\n")
                .matcher(request.substring(0, end + 2));
        return !length.find() || request.length() - end - 4 >= Integer.parseInt(length.group(1));
    }

    private static void write(SocketChannel channel, String text) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    private static DockerHttpClient.Request post(String path, String body) {
        return DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.POST).path(path)
                .putHeader("Content-Type", "application/json").body(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))
                .build();
    }

    @Test
    void aChunkedAnswerIsReadChunkByChunkAsItComes() throws Exception {
        SynchronousQueue<String> requests = new SynchronousQueue<>();
        CompletableFuture<SocketChannel> accepted = accept(requests);
        try (UnixSocketHttp http = new UnixSocketHttp(socket, Duration.ofSeconds(10))) {
            CompletableFuture<DockerHttpClient.Response> answered = CompletableFuture.supplyAsync(
                    () -> http.execute(post("/events?x=1", "{\"a\":1}")));
            String request = requests.poll(10, TimeUnit.SECONDS);
            assertThat(request).startsWith("POST /events?x=1 HTTP/1.1\r\n").contains("Content-Type: application/json\r\n")
                    .contains("Content-Length: 7\r\n").contains("Connection: close\r\n").endsWith("\r\n\r\n{\"a\":1}");
            SocketChannel engine = accepted.get(10, TimeUnit.SECONDS);
            write(engine, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nApi-Version: 1.41\r\n\r\n5;x=y\r\nfirst\r\n");
            DockerHttpClient.Response response = answered.get(10, TimeUnit.SECONDS);
            assertThat(response.getStatusCode()).isEqualTo(200);
            assertThat(response.getHeader("api-version")).isEqualTo("1.41");
            InputStream body = response.getBody();
            byte[] first = new byte[100];
            assertThat(new String(first, 0, body.read(first), StandardCharsets.UTF_8)).as("what came, without waiting for more")
                    .isEqualTo("first");
            write(engine, "6\r\nsecond\r\n0\r\nTrailer: t\r\n\r\n");
            assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("second");
            response.close();
            engine.close();
        }
    }

    @Test
    void anEngineThatSaysNothingIsGivenUpAfterTheReadTimeout() throws Exception {
        SynchronousQueue<String> requests = new SynchronousQueue<>();
        CompletableFuture<SocketChannel> accepted = accept(requests);
        try (UnixSocketHttp http = new UnixSocketHttp(socket, Duration.ofMillis(300))) {
            CompletableFuture<DockerHttpClient.Response> answered = CompletableFuture.supplyAsync(() -> http.execute(post("/x", "")));
            assertThat(requests.poll(10, TimeUnit.SECONDS)).contains("Content-Length: 0\r\n");
            assertThatThrownBy(() -> answered.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(UncheckedIOException.class)
                    .hasRootCauseInstanceOf(SocketTimeoutException.class).hasMessageContaining("sent nothing for 300 ms");
            accepted.get().close();
        }
    }

    @Test
    void closingTheClientEndsAStreamAnotherThreadWaitsOn() throws Exception {
        SynchronousQueue<String> requests = new SynchronousQueue<>();
        CompletableFuture<SocketChannel> accepted = accept(requests);
        UnixSocketHttp http = new UnixSocketHttp(socket, Duration.ofMinutes(5));
        CompletableFuture<DockerHttpClient.Response> answered = CompletableFuture.supplyAsync(() -> http.execute(post("/events", "")));
        requests.poll(10, TimeUnit.SECONDS);
        SocketChannel engine = accepted.get(10, TimeUnit.SECONDS);
        write(engine, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
        InputStream body = answered.get(10, TimeUnit.SECONDS).getBody();
        CompletableFuture<Integer> reading = CompletableFuture.supplyAsync(() -> {
            try {
                return body.read(new byte[10]);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Thread.sleep(200);
        assertThat(reading).isNotDone();
        http.close();
        assertThatThrownBy(() -> reading.get(10, TimeUnit.SECONDS)).hasRootCauseInstanceOf(IOException.class);
        engine.close();
    }

    @Test
    void whatIsNotAnHttpAnswerIsAnErrorNamingTheEngine() throws Exception {
        String[] answers = {"SSH-2.0-OpenSSH\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort",
            "HTTP/1.1 200 OK\r\nX: " + "y".repeat(70_000) + "\r\n\r\n", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcdef\r\n0\r\n\r\n"};
        for (String answer : answers) {
            SynchronousQueue<String> requests = new SynchronousQueue<>();
            CompletableFuture<SocketChannel> accepted = accept(requests);
            try (UnixSocketHttp http = new UnixSocketHttp(socket, Duration.ofSeconds(10))) {
                CompletableFuture<byte[]> answered = CompletableFuture.supplyAsync(() -> {
                    try (DockerHttpClient.Response response = http.execute(post("/x", ""))) {
                        return response.getBody().readAllBytes();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                requests.poll(10, TimeUnit.SECONDS);
                SocketChannel engine = accepted.get(10, TimeUnit.SECONDS);
                write(engine, answer);
                engine.close();
                assertThatThrownBy(() -> answered.get(10, TimeUnit.SECONDS)).as(answer.substring(0, Math.min(40, answer.length())))
                        .hasCauseInstanceOf(UncheckedIOException.class).hasMessageContaining("engine");
            }
        }
    }

    /** docker-java closes only the body of an answer it does not read (start, stop: 204): that closes the connection. */
    @Test
    @Timeout(60)
    void closingTheBodyOfAnEmptyAnswerClosesTheConnection() throws Exception {
        for (String answer : new String[] {"HTTP/1.1 204 No Content\r\n\r\n", "HTTP/1.1 304 Not Modified\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"}) {
            SynchronousQueue<String> requests = new SynchronousQueue<>();
            CompletableFuture<SocketChannel> accepted = accept(requests);
            try (UnixSocketHttp http = new UnixSocketHttp(socket, Duration.ofSeconds(10))) {
                CompletableFuture<DockerHttpClient.Response> answered = CompletableFuture.supplyAsync(() -> http.execute(post("/start", "")));
                requests.poll(10, TimeUnit.SECONDS);
                SocketChannel engine = accepted.get(10, TimeUnit.SECONDS);
                write(engine, answer);
                answered.get(10, TimeUnit.SECONDS).getBody().close();
                engine.configureBlocking(true);
                assertThat(engine.read(ByteBuffer.allocate(16))).as("the engine sees the connection end: " + answer.strip()).isEqualTo(-1);
                engine.close();
            }
        }
    }

    /** Against the real engine: 200 calls of each kind, bodies read or only closed, leave no descriptor open. */
    @Test
    void callsOnTheRealEngineLeaveNoDescriptorOpen() throws Exception {
        Path real = Path.of("/var/run/docker.sock");
        try (UnixSocketHttp http = new UnixSocketHttp(real, Duration.ofSeconds(30))) {
            long before = openDescriptors();
            for (int i = 0; i < 200; i++) {
                try (DockerHttpClient.Response ping = http.execute(DockerHttpClient.Request.builder()
                        .method(DockerHttpClient.Request.Method.GET).path("/_ping").build())) {
                    assertThat(ping.getStatusCode()).isEqualTo(200);
                }
                http.execute(DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.GET)
                        .path("/containers/json").build()).getBody().close();
                http.execute(DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.POST)
                        .path("/containers/mooring-it-no-such-container/start").build()).getBody().close();
            }
            assertThat(openDescriptors()).isLessThan(before + 10);
        }
    }

    private static long openDescriptors() throws IOException {
        try (var fds = java.nio.file.Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    @Test
    void aHeaderCannotSplitTheRequest() {
        try (UnixSocketHttp http = new UnixSocketHttp(socket, Duration.ofSeconds(1))) {
            assertThatThrownBy(() -> http.execute(DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.GET)
                    .path("/x").putHeader("X-Registry-Auth", "a\r\nHost: elsewhere").build()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("X-Registry-Auth");
        }
    }

    @Test
    void aMissingSocketIsAnIoError() {
        try (UnixSocketHttp http = new UnixSocketHttp(dir.resolve("none.sock"), Duration.ofSeconds(1))) {
            assertThatThrownBy(() -> http.execute(post("/x", ""))).isInstanceOf(UncheckedIOException.class);
        }
    }
}
