package io.mooring.systemd;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A stand-in for systemd's end of NOTIFY_SOCKET: a real unix datagram socket bound by python3 (the JDK binds no
 * datagram socket before Java 20), at a path or at an abstract name ({@code @name}), every datagram it receives one
 * message here, in the order sent.
 */
public final class NotifyReceiver implements AutoCloseable {
    private static final String RECEIVER = """
            import socket, sys
            name = sys.argv[1]
            s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
            s.bind("\\0" + name[1:] if name.startswith("@") else name)
            print("bound", flush=True)
            while True:
                print(s.recv(65536).decode().replace("\\n", "\\\\n"), flush=True)
            """;
    private final String address;
    private final Process process;
    private final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final List<String> received = new ArrayList<>();

    private NotifyReceiver(String address, Process process) {
        this.address = address;
        this.process = process;
    }

    /** Binds {@code address} (a path, or {@code @name}) and returns once it is bound. */
    public static NotifyReceiver bind(String address) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("python3", "-c", RECEIVER, address).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        NotifyReceiver receiver = new NotifyReceiver(address, process);
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first = lines.readLine();
        if (!"bound".equals(first)) {
            process.destroyForcibly();
            throw new IOException("python3 could not bind the unix datagram socket " + address + " (said: " + first + ")");
        }
        Thread reader = new Thread(() -> {
            try {
                for (String line; (line = lines.readLine()) != null; ) {
                    receiver.messages.add(line);
                }
            } catch (IOException e) {
                // the receiver ended
            }
        }, "notify-receiver");
        reader.setDaemon(true);
        reader.start();
        return receiver;
    }

    /** What NOTIFY_SOCKET is set to for a sender. */
    public String address() {
        return address;
    }

    /** The next message, waiting up to a minute for it; an error when none comes. */
    public String next() throws InterruptedException {
        String message = messages.poll(60, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("no message on " + address + " within a minute; received before: " + received);
        }
        received.add(message);
        return message;
    }

    /** Messages until one that {@code last} accepts, that one included. */
    public List<String> until(Predicate<String> last) throws InterruptedException {
        List<String> list = new ArrayList<>();
        String message;
        do {
            message = next();
            list.add(message);
        } while (!last.test(message));
        return list;
    }

    /** Every message received so far, in order. */
    public List<String> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
