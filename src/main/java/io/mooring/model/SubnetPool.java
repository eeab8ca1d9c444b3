package io.mooring.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * An IPv4 range the agent carves tenant networks' subnets from, each {@code /size}: the first subnet of that size
 * that no network the engine has overlaps is taken. Docker's own default pools hold only about 31 bridge networks.
 *
 * @param base   the range's first address, aligned to its prefix, as 32 bits
 * @param prefix the range's prefix length
 * @param size   the prefix length of each tenant's subnet
 */
public record SubnetPool(long base, int prefix, int size) {
    /** The smallest subnet a tenant gets: network, gateway, broadcast and a few containers. */
    public static final int LONGEST_SIZE = 29;

    public SubnetPool {
        if (prefix < 1 || prefix > LONGEST_SIZE) {
            throw new IllegalArgumentException("the pool's prefix must be between /1 and /" + LONGEST_SIZE + ", not /" + prefix);
        }
        if (size < prefix || size > LONGEST_SIZE) {
            throw new IllegalArgumentException("size must be between the pool's prefix (" + prefix + ") and " + LONGEST_SIZE
                    + ", not " + size);
        }
        if ((base & ~mask(prefix)) != 0) {
            throw new IllegalArgumentException("the pool " + address(base) + "/" + prefix + " does not start on a /" + prefix
                    + " boundary; write " + address(base & mask(prefix)) + "/" + prefix);
        }
    }

    /** {@code 10.212.0.0/16} with tenant subnets of {@code /size}. */
    public static SubnetPool parse(String cidr, int size) {
        Range range = Range.parse(cidr);
        return new SubnetPool(range.first, range.prefix, size);
    }

    /** How many tenant subnets the pool holds. */
    public long capacity() {
        return 1L << (size - prefix);
    }

    /**
     * The first {@code /size} subnet of the pool that none of {@code taken} (subnets in CIDR notation; IPv6 ones and
     * ones that do not parse are not in the way) overlaps; empty when the pool is full.
     */
    public Optional<String> firstFree(Collection<String> taken) {
        List<Range> inPool = new ArrayList<>();
        for (String cidr : taken) {
            Range.tryParse(cidr).filter(r -> r.overlaps(new Range(base, prefix))).ifPresent(inPool::add);
        }
        inPool.sort(Comparator.comparingLong(Range::start));
        long step = 1L << (32 - size);
        long end = base + (1L << (32 - prefix));
        long candidate = base;
        for (Range used : inPool) {
            if (candidate + step <= used.start()) {
                break;
            }
            if (used.last() >= candidate) {
                // Past the range in the way, on the next boundary of our size.
                candidate = (used.last() + step) & ~(step - 1);
            }
        }
        return candidate + step <= end ? Optional.of(address(candidate) + "/" + size) : Optional.empty();
    }

    @Override
    public String toString() {
        return address(base) + "/" + prefix + " in /" + size + "s";
    }

    /** Whether {@code cidr} lies inside the pool and is no larger than the pool's tenant subnets ({@code /size}). */
    public boolean holdsSubnet(String cidr) {
        Optional<Range> subnet = Range.tryParse(cidr);
        Range pool = new Range(base, prefix);
        return subnet.isPresent() && subnet.get().prefix() >= size && subnet.get().start() >= pool.start()
                && subnet.get().last() <= pool.last();
    }

    /** The pool as its configuration wrote it. */
    public String cidr() {
        return address(base) + "/" + prefix;
    }

    private static long mask(int prefix) {
        return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }

    /** Whether {@code cidr} is an IPv4 subnet such as 172.28.0.0/16. */
    public static boolean isSubnet(String cidr) {
        return Range.tryParse(cidr).isPresent();
    }

    /** Whether the IPv4 {@code address} is a host address of the subnet {@code cidr} (not its network or broadcast address). */
    public static boolean holds(String cidr, String address) {
        Optional<Range> subnet = Range.tryParse(cidr);
        Optional<Range> one = Range.tryParse(address + "/32");
        if (subnet.isEmpty() || one.isEmpty()) {
            return false;
        }
        long bits = one.get().first();
        return bits > subnet.get().start() && bits < subnet.get().last();
    }

    static String address(long bits) {
        return ((bits >> 24) & 0xFF) + "." + ((bits >> 16) & 0xFF) + "." + ((bits >> 8) & 0xFF) + "." + (bits & 0xFF);
    }

    /** An IPv4 subnet: its first address and prefix length. */
    private record Range(long first, int prefix) {
        static Range parse(String cidr) {
            return tryParse(cidr).orElseThrow(() -> new IllegalArgumentException("'" + cidr
                    + "' is not an IPv4 subnet such as 10.212.0.0/16"));
        }

        static Optional<Range> tryParse(String cidr) {
            if (cidr == null) {
                return Optional.empty();
            }
            String[] parts = cidr.strip().split("/", -1);
            if (parts.length != 2 || !parts[1].matches("[0-9]{1,2}") || Integer.parseInt(parts[1]) > 32) {
                return Optional.empty();
            }
            String[] octets = parts[0].split("\\.", -1);
            if (octets.length != 4) {
                return Optional.empty();
            }
            long bits = 0;
            for (String octet : octets) {
                if (!octet.matches("[0-9]{1,3}") || Integer.parseInt(octet) > 255) {
                    return Optional.empty();
                }
                bits = (bits << 8) | Integer.parseInt(octet);
            }
            return Optional.of(new Range(bits, Integer.parseInt(parts[1])));
        }

        /** The range as the engine holds it: from its network address (a subnet may be written from any of its addresses). */
        long start() {
            return first & mask(prefix);
        }

        long last() {
            return start() + (1L << (32 - prefix)) - 1;
        }

        boolean overlaps(Range other) {
            return start() <= other.last() && other.start() <= last();
        }
    }
}
