package io.mooring.backup;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Counts and hashes (SHA-256) what passes through on its way to the object; closing it does not close the object. */
final class HashingOutputStream extends FilterOutputStream {
    private final MessageDigest sha256;
    private long bytes;

    HashingOutputStream(OutputStream out) {
        super(out);
        this.sha256 = newSha256();
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        out.write(buffer, offset, length);
        sha256.update(buffer, offset, length);
        bytes += length;
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }

    long bytes() {
        return bytes;
    }

    String sha256() {
        return HexFormat.of().formatHex(sha256.digest());
    }
}
