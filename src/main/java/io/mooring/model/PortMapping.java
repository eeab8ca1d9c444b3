package io.mooring.model;

/** A published port: {@code [hostIp:]hostPort:containerPort[/protocol]}; hostPort 0 means not published. */
public record PortMapping(String hostIp, int hostPort, int containerPort, String protocol) {

    public PortMapping {
        hostIp = hostIp == null ? "" : hostIp;
        protocol = protocol == null ? "tcp" : protocol;
        checkPort(containerPort, "container port");
        if (hostPort != 0) {
            checkPort(hostPort, "host port");
        }
        if (!protocol.equals("tcp") && !protocol.equals("udp") && !protocol.equals("sctp")) {
            throw new IllegalArgumentException("protocol must be tcp, udp or sctp, not '" + protocol + "'");
        }
    }

    /** Parses the Compose short syntax: "8080", "18080:8080", "127.0.0.1:18080:8080/udp". */
    public static PortMapping parse(String text) {
        String spec = text.trim();
        String protocol = "tcp";
        int slash = spec.indexOf('/');
        if (slash >= 0) {
            protocol = spec.substring(slash + 1);
            spec = spec.substring(0, slash);
        }
        int lastColon = spec.lastIndexOf(':');
        if (lastColon < 0) {
            return new PortMapping("", 0, number(spec, text), protocol);
        }
        int container = number(spec.substring(lastColon + 1), text);
        String hostPart = spec.substring(0, lastColon);
        int hostColon = hostPart.lastIndexOf(':');
        String ip = hostColon < 0 ? "" : hostPart.substring(0, hostColon);
        if (ip.startsWith("[") && ip.endsWith("]")) {
            ip = ip.substring(1, ip.length() - 1);
            if (!ip.contains(":") || HostAddress.parse(ip).isEmpty()) {
                throw new IllegalArgumentException("'" + text + "': host address '" + ip + "' is not an IPv6 address");
            }
        } else if (ip.contains(":")) {
            throw new IllegalArgumentException("'" + text + "': write an IPv6 host address in brackets, like [::1]:53:53");
        } else if (!ip.isEmpty() && HostAddress.parse(ip).isEmpty()) {
            throw new IllegalArgumentException("'" + text + "': host address '" + ip + "' must be an IP address such as 127.0.0.1");
        }
        int host = number(hostColon < 0 ? hostPart : hostPart.substring(hostColon + 1), text);
        return new PortMapping(ip, host, container, protocol);
    }

    /**
     * Parses the short syntax with port ranges too, as Compose writes them: {@code 8000-8010:8000-8010/udp} is eleven
     * mappings; a range of host ports needs the same number of container ports. At most {@link #MAX_RANGE} ports.
     */
    public static java.util.List<PortMapping> parseAll(String text) {
        String spec = text.trim();
        int slash = spec.indexOf('/');
        String protocol = slash >= 0 ? spec.substring(slash) : "";
        spec = slash >= 0 ? spec.substring(0, slash) : spec;
        int lastColon = spec.lastIndexOf(':');
        String containerPart = spec.substring(lastColon + 1);
        String hostPart = lastColon < 0 ? "" : spec.substring(0, lastColon);
        int hostColon = hostPart.lastIndexOf(':');
        String ip = hostColon < 0 ? "" : hostPart.substring(0, hostColon + 1);
        String hostPorts = hostPart.substring(hostColon + 1);
        if (!containerPart.contains("-") && !hostPorts.contains("-")) {
            return java.util.List.of(parse(text));
        }
        int[] container = range(containerPart, text);
        int[] host = hostPorts.isEmpty() ? null : range(hostPorts, text);
        int count = container[1] - container[0] + 1;
        if (host != null && host[1] - host[0] + 1 != count) {
            throw new IllegalArgumentException("'" + text + "': the host range and the container range must hold as many ports");
        }
        java.util.List<PortMapping> ports = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            ports.add(parse(ip + (host == null ? "" : (host[0] + i) + ":") + (container[0] + i) + protocol));
        }
        return ports;
    }

    /** The most ports one range may publish. */
    public static final int MAX_RANGE = 16384;

    private static int[] range(String text, String whole) {
        int dash = text.indexOf('-');
        int first = number(dash < 0 ? text : text.substring(0, dash), whole);
        int last = dash < 0 ? first : number(text.substring(dash + 1), whole);
        if (last < first || last - first >= MAX_RANGE) {
            throw new IllegalArgumentException("'" + whole + "': a port range runs upwards and holds at most " + MAX_RANGE + " ports");
        }
        return new int[] {first, last};
    }

    private static int number(String digits, String whole) {
        if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("'" + whole + "' is not a port mapping like 8080, 18080:8080 or 127.0.0.1:18080:8080/udp");
        }
        return Integer.parseInt(digits);
    }

    private static void checkPort(int port, String what) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(what + " " + port + " is outside 1-65535");
        }
    }

    /** Whether the host address means every address of the host: unspecified; or every address of one family: 0.0.0.0 or ::. */
    public static boolean everyAddress(String hostIp) {
        return hostIp == null || hostIp.isEmpty() || HostAddress.parse(hostIp).map(HostAddress::unspecified).orElse(false);
    }

    /**
     * Whether publishing this port and {@code hostIp:hostPort/protocol} would need the same host port: the same port and
     * protocol, on addresses that overlap. An unspecified address is every address of both families (the engine binds
     * 0.0.0.0 and ::) and overlaps any; otherwise IPv4 and IPv6 are apart, and within one family 0.0.0.0 (or ::) overlaps
     * every address and two literals the same address however spelt ({@code ::1}, {@code 0:0::1}).
     */
    public boolean clashesWith(String otherIp, int otherPort, String otherProtocol) {
        if (hostPort == 0 || hostPort != otherPort || !protocol.equals(otherProtocol)) {
            return false;
        }
        if (hostIp.isEmpty() || otherIp == null || otherIp.isEmpty()) {
            return true;
        }
        java.util.Optional<HostAddress> mine = HostAddress.parse(hostIp);
        java.util.Optional<HostAddress> theirs = HostAddress.parse(otherIp);
        if (mine.isEmpty() || theirs.isEmpty()) {
            return hostIp.equals(otherIp);
        }
        HostAddress a = mine.get();
        HostAddress b = theirs.get();
        return a.ipv6() == b.ipv6() && (a.unspecified() || b.unspecified() || a.same(b));
    }

    /** The host side as the engine binds it: {@code 0.0.0.0:8080/tcp} when no address is given. */
    public String hostSide() {
        return (hostIp.isEmpty() ? "0.0.0.0" : hostIp.contains(":") ? "[" + hostIp + "]" : hostIp) + ":" + hostPort + "/" + protocol;
    }

    /** The published ones of {@code ports} as {@link Labels#PORTS} holds them; empty when none is published. */
    public static String label(java.util.List<PortMapping> ports) {
        return String.join(",", ports.stream().filter(p -> p.hostPort() != 0).map(p -> (p.hostIp().isEmpty() ? ""
                : (p.hostIp().contains(":") ? "[" + p.hostIp() + "]" : p.hostIp()) + ":") + p.hostPort() + ":" + p.containerPort()
                + "/" + p.protocol()).toList());
    }

    /** The ports a {@link Labels#PORTS} label holds; an entry that does not parse is skipped. */
    public static java.util.List<PortMapping> fromLabel(String label) {
        java.util.List<PortMapping> ports = new java.util.ArrayList<>();
        for (String entry : label.split(",")) {
            try {
                if (!entry.isBlank()) {
                    ports.add(parse(entry));
                }
            } catch (IllegalArgumentException e) {
                // written by Mooring; a label edited by hand loses that entry only
            }
        }
        return ports;
    }

    @Override
    public String toString() {
        String host = hostPort == 0 ? "" : (hostIp.isEmpty() ? "" : hostIp + ":") + hostPort + ":";
        return host + containerPort + "/" + protocol;
    }
}
