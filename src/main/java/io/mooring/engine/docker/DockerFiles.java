package io.mooring.engine.docker;

import io.mooring.model.ContainerOptions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The secrets and configs of a container as the tar archive the engine copies into it before it starts: each a regular
 * file with its owner (root unless written) and mode (0444 unless written), at its target; the engine keeps the owner. Written here rather than with a tar library,
 * which would be one more library in this package for a few headers.
 */
final class DockerFiles {
    private static final int BLOCK = 512;

    private DockerFiles() {
    }

    static byte[] archive(List<ContainerOptions.FileMount> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ContainerOptions.FileMount file : files) {
            byte[] content = file.source().content();
            out.writeBytes(header(file.target().substring(1), file.mode(), file.uid(), file.gid(), content.length));
            out.writeBytes(content);
            out.writeBytes(new byte[(BLOCK - content.length % BLOCK) % BLOCK]);
        }
        out.writeBytes(new byte[2 * BLOCK]);
        return out.toByteArray();
    }

    /** A ustar header of a regular file; names are at most 99 characters (checked where they are written). */
    private static byte[] header(String name, int mode, int uid, int gid, long size) {
        byte[] header = new byte[BLOCK];
        put(header, 0, name, 100);
        put(header, 100, octal(mode, 7), 8);
        put(header, 108, octal(uid, 7), 8);
        put(header, 116, octal(gid, 7), 8);
        put(header, 124, octal(size, 11), 12);
        put(header, 136, octal(0, 11), 12);
        header[156] = '0';
        put(header, 257, "ustar", 6);
        put(header, 263, "00", 2);
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, octal(sum, 6), 7);
        header[154] = 0;
        return header;
    }

    private static String octal(long value, int digits) {
        String text = Long.toOctalString(value);
        return "0".repeat(Math.max(0, digits - text.length())) + text;
    }

    private static void put(byte[] header, int at, String text, int length) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, at, Math.min(bytes.length, length - 1));
    }
}
