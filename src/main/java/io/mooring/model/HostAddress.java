package io.mooring.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A published port's host address as the literal it is: IPv4 (4 bytes) or IPv6 (16 bytes), so that spellings of one
 * address compare equal ({@code ::}, {@code [0::]} and {@code 0:0:0:0:0:0:0:0}; {@code ::1} and {@code 0:0::1}). Only
 * literals are read: a name is never looked up.
 */
record HostAddress(byte[] bytes) {
    /** The address, or empty when {@code text} is not an IPv4 or IPv6 literal (brackets allowed around IPv6). */
    static Optional<HostAddress> parse(String text) {
        String s = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        byte[] bytes = s.contains(":") ? ipv6(s) : ipv4(s);
        return Optional.ofNullable(bytes).map(HostAddress::new);
    }

    boolean ipv6() {
        return bytes.length == 16;
    }

    /** 0.0.0.0 or ::, every address of its family. */
    boolean unspecified() {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    boolean same(HostAddress other) {
        return Arrays.equals(bytes, other.bytes);
    }

    private static byte[] ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int value = Integer.parseInt(parts[i]);
            if (value > 255) {
                return null;
            }
            out[i] = (byte) value;
        }
        return out;
    }

    private static byte[] ipv6(String s) {
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        List<Integer> head = groups(gap < 0 ? s : s.substring(0, gap), gap < 0);
        List<Integer> tail = gap < 0 ? List.of() : groups(s.substring(gap + 2), true);
        if (head == null || tail == null || (gap < 0 ? head.size() != 8 : head.size() + tail.size() > 7)) {
            return null;
        }
        List<Integer> all = new ArrayList<>(head);
        while (all.size() + tail.size() < 8) {
            all.add(0);
        }
        all.addAll(tail);
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[2 * i] = (byte) (all.get(i) >> 8);
            out[2 * i + 1] = (byte) (all.get(i) & 0xff);
        }
        return out;
    }

    /** Groups of up to four hexadecimal digits split by ':', the last may be dotted IPv4 (two groups); null when malformed. */
    private static List<Integer> groups(String part, boolean ipv4Last) {
        List<Integer> out = new ArrayList<>();
        if (part.isEmpty()) {
            return out;
        }
        String[] groups = part.split(":", -1);
        for (int i = 0; i < groups.length; i++) {
            String g = groups[i];
            if (ipv4Last && i == groups.length - 1 && g.contains(".")) {
                byte[] v4 = ipv4(g);
                if (v4 == null) {
                    return null;
                }
                out.add((v4[0] & 0xff) << 8 | (v4[1] & 0xff));
                out.add((v4[2] & 0xff) << 8 | (v4[3] & 0xff));
            } else if (g.isEmpty() || g.length() > 4 || !g.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return null;
            } else {
                out.add(Integer.parseInt(g, 16));
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HostAddress a && same(a);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return Arrays.toString(bytes);
    }
}
