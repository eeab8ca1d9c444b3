package io.mooring.backup;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Counts and hashes (SHA-256) what is read through it, so that one read of an object both checks it and looks inside. */
final class HashingInputStream extends FilterInputStream {
    private final MessageDigest sha256 = HashingOutputStream.newSha256();
    private long bytes;

    HashingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            sha256.update(buffer, offset, n);
            bytes += n;
        }
        return n;
    }

    /** Skipping would leave bytes out of the hash: they are read instead. */
    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(8192, Math.max(n, 1))];
        int read = n <= 0 ? 0 : read(buffer, 0, (int) Math.min(buffer.length, n));
        return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Reads what is left, so that the hash covers the whole object whatever the reader inside stopped at. */
    void drain() throws IOException {
        transferTo(OutputStream.nullOutputStream());
    }

    long bytes() {
        return bytes;
    }

    String sha256() {
        return HexFormat.of().formatHex(sha256.digest());
    }
}
