package io.mooring.engine.docker;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/** An answer's bytes as {@link UnixSocketHttp} reads them: the connection's, and its body chunked or of a known length. */
final class SocketBody {
    private SocketBody() {
    }

    /**
     * The connection's bytes, buffered; a read waits at most the timeout for the next byte, and returns what has come
     * rather than waiting for more (an event stream's next event may be minutes away). Closing it from another thread
     * ends a read under way there.
     */
    static final class Raw extends InputStream {
        private final SocketChannel channel;
        private final Selector selector;
        private final long timeoutMillis;
        private final ByteBuffer buffer = ByteBuffer.allocate(16 << 10).flip();
        private volatile boolean closed;
        private volatile Runnable onClose = () -> { };

        Raw(SocketChannel channel, Duration timeout) throws IOException {
            this.channel = channel;
            this.timeoutMillis = Math.max(1, timeout.toMillis());
            channel.configureBlocking(false);
            this.selector = Selector.open();
            channel.register(selector, SelectionKey.OP_READ);
        }

        void onClose(Runnable action) {
            onClose = action;
        }

        @Override
        public int read() throws IOException {
            return !buffer.hasRemaining() && !fill() ? -1 : buffer.get() & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (!buffer.hasRemaining() && !fill()) {
                return -1;
            }
            int n = Math.min(length, buffer.remaining());
            buffer.get(into, offset, n);
            return n;
        }

        @Override
        public int available() {
            return buffer.remaining();
        }

        /** Waits for more bytes; false at the end of the connection. */
        private boolean fill() throws IOException {
            buffer.clear();
            long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
            try {
                while (true) {
                    if (closed) {
                        throw new AsynchronousCloseException();
                    }
                    int n = channel.read(buffer);
                    if (n != 0) {
                        buffer.flip();
                        return n > 0;
                    }
                    long left = (deadline - System.nanoTime()) / 1_000_000;
                    if (left <= 0) {
                        throw new SocketTimeoutException("the Docker engine sent nothing for " + timeoutMillis + " ms");
                    }
                    selector.select(left);
                    selector.selectedKeys().clear();
                }
            } catch (IOException | RuntimeException e) {
                buffer.position(0).limit(0); // nothing kept from a read that failed
                if (e instanceof ClosedSelectorException) {
                    throw new AsynchronousCloseException();
                }
                throw e;
            }
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                selector.close(); // wakes a read waiting in another thread
            } catch (IOException ignored) {
                // the channel's close below is what matters
            }
            try {
                channel.close();
            } catch (IOException ignored) {
                // already unusable
            }
            onClose.run();
        }
    }

    /** A body read from the connection's bytes: closing it closes the connection. */
    abstract static class Framed extends InputStream {
        final Raw raw;

        Framed(Raw raw) {
            this.raw = raw;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public void close() {
            raw.close();
        }
    }

    /** A body of {@code Content-Length} bytes. */
    static final class Limited extends Framed {
        private long left;

        Limited(Raw raw, long length) {
            super(raw);
            this.left = length;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = raw.read(into, offset, (int) Math.min(length, left));
            if (n < 0) {
                throw new IOException("the Docker engine closed the connection " + left + " bytes before the answer's end");
            }
            left -= n;
            return n;
        }
    }

    /** A body in chunks ({@code Transfer-Encoding: chunked}): a stream of events or progress, each chunk as it comes. */
    static final class Chunked extends Framed {
        private long left;
        private boolean done;

        Chunked(Raw raw) {
            super(raw);
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (done) {
                return -1;
            }
            if (left == 0) {
                left = nextChunk();
                if (left == 0) {
                    done = true;
                    return -1;
                }
            }
            int n = raw.read(into, offset, (int) Math.min(length, left));
            if (n < 0) {
                throw new IOException("the Docker engine closed the connection in the middle of a chunk");
            }
            left -= n;
            if (left == 0) {
                expectLineEnd();
            }
            return n;
        }

        private long nextChunk() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int b = raw.read(); b != '\n'; b = raw.read()) {
                if (b < 0) {
                    throw new IOException("the Docker engine closed the connection before the answer's last chunk");
                }
                if (line.length() > 1024) {
                    throw new IOException("the Docker engine sent a chunk header over 1 KiB");
                }
                line.append((char) b);
            }
            String size = line.toString().strip();
            int extension = size.indexOf(';');
            try {
                long n = Long.parseLong(extension >= 0 ? size.substring(0, extension).strip() : size, 16);
                if (n < 0) {
                    throw new NumberFormatException(size);
                }
                if (n == 0) {
                    skipTrailers();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IOException("the Docker engine sent a chunk of no size: " + size, e);
            }
        }

        private void skipTrailers() throws IOException {
            int length = 0;
            for (int b = raw.read(); b >= 0; b = raw.read()) {
                if (b == '\n') {
                    if (length == 0) {
                        return;
                    }
                    length = 0;
                } else if (b != '\r') {
                    length++;
                }
            }
        }

        private void expectLineEnd() throws IOException {
            int b = raw.read();
            if (b == '\r') {
                b = raw.read();
            }
            if (b != '\n') {
                throw new IOException("the Docker engine sent a chunk longer than it said");
            }
        }
    }
}
