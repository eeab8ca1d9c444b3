package io.mooring.systemd;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The service manager's notification socket: a unix datagram socket named by a path, or by an abstract name when
 * {@code NOTIFY_SOCKET} starts with {@code @}. Each message is one datagram on a socket of its own, as sd_notify sends
 * it, so nothing is held open between messages.
 */
public final class NotifySocket {
    private static final short AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int MSG_NOSIGNAL = 0x4000;
    /** sizeof(sockaddr_un.sun_path) on Linux. */
    private static final int SUN_PATH = 108;
    private static final int SA_FAMILY = 2;

    private final String name;
    private final byte[] address;

    private NotifySocket(String name, byte[] address) {
        this.name = name;
        this.address = address;
    }

    /** The socket that {@code notifySocket}, the value of {@code NOTIFY_SOCKET}, names. */
    public static NotifySocket named(String notifySocket) {
        if (notifySocket.isEmpty() || !(notifySocket.startsWith("/") || notifySocket.startsWith("@"))) {
            throw new IllegalArgumentException("NOTIFY_SOCKET=" + notifySocket + " is neither an absolute path nor an abstract"
                    + " socket name (@NAME); it is set by systemd for a unit of Type=notify: unset it to run the agent without systemd");
        }
        byte[] path = notifySocket.getBytes(StandardCharsets.UTF_8);
        boolean abstractName = path[0] == '@';
        if (abstractName) {
            path[0] = 0; // an abstract name is the path with a leading NUL and no NUL at its end
        }
        int length = path.length + (abstractName ? 0 : 1);
        if (length > SUN_PATH) {
            throw new IllegalArgumentException("NOTIFY_SOCKET=" + notifySocket + " is longer than a unix socket's path may be ("
                    + (SUN_PATH - 1) + " bytes)");
        }
        ByteBuffer address = ByteBuffer.allocate(SA_FAMILY + length).order(ByteOrder.nativeOrder());
        address.putShort(AF_UNIX).put(path);
        return new NotifySocket(notifySocket, address.array());
    }

    /** Sends {@code state} (lines of {@code NAME=value}) as one datagram. */
    public void send(String state) throws IOException {
        byte[] message = state.getBytes(StandardCharsets.UTF_8);
        int fd;
        try {
            fd = LibC.INSTANCE.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw new IOException("cannot open a unix datagram socket to tell systemd " + state + ": errno " + e.getErrorCode(), e);
        }
        try {
            long sent = LibC.INSTANCE.sendto(fd, message, new NativeLong(message.length), MSG_NOSIGNAL, address, address.length).longValue();
            if (sent != message.length) {
                throw new IOException("systemd's notification socket " + name + " took " + sent + " of " + message.length + " bytes");
            }
        } catch (LastErrorException e) {
            throw new IOException("cannot tell systemd " + state + " through NOTIFY_SOCKET=" + name + ": errno " + e.getErrorCode()
                    + " (is the unit's NotifyAccess= main, and does the socket exist?)", e);
        } finally {
            LibC.INSTANCE.close(fd);
        }
    }

    @Override
    public String toString() {
        return name;
    }

    /** The C library's calls this class makes; errors come back as {@link LastErrorException} with errno. */
    private interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int socket(int domain, int type, int protocol) throws LastErrorException;

        NativeLong sendto(int fd, byte[] buffer, NativeLong length, int flags, byte[] address, int addressLength) throws LastErrorException;

        int close(int fd);
    }
}
