package io.mooring.inventory;

/**
 * What one read of a tenant's Compose files may hold once every service's {@code extends} and {@code env_file} are
 * filled in, summed over all its files (included ones too): values and characters. A base shared by thousands of
 * services, or an env file named by each of them, is counted once for each; past either bound the read is refused at
 * the service that crosses it, so no commit can make the agent hold more.
 */
final class TenantBudget {
    static final long MAX_NODES = AliasBudget.MAX_NODES;
    static final long MAX_CHARS = 32L << 20;

    private long nodes;
    private long chars;

    /** Whether an earlier spending crossed a bound: every later one is refused too, without a second report. */
    boolean spent() {
        return nodes > MAX_NODES || chars > MAX_CHARS;
    }

    /** Spends values and characters; false once either bound is crossed. */
    boolean spend(long values, long characters) {
        nodes += values;
        chars += characters;
        return !spent();
    }

    /** What to say where the bound is crossed. */
    static String refusal() {
        return "the tenant's services hold more than " + MAX_NODES + " values or " + MAX_CHARS + " characters once their"
                + " extends and env_file are filled in (all its Compose files together); refused as a possible extends bomb";
    }
}
