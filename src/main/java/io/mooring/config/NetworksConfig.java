package io.mooring.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.validation.ValidationMethod;
import io.mooring.model.SubnetPool;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.Optional;

/**
 * The agent's {@code networks:} block: where each tenant's own network gets its subnet. Without {@code pool}, from Docker's
 * default address pools (about 31 bridge networks unless dockerd's {@code default-address-pools} gives more); with it,
 * Mooring takes the first {@code /size} of the pool that no network of the engine overlaps.
 */
public class NetworksConfig {
    /** An IPv4 range such as 10.212.0.0/16, aligned to its prefix, that nothing else on the host uses. */
    @JsonProperty
    private String pool;

    /** The prefix length of each tenant's subnet: 24 gives 254 addresses, 256 tenants in a /16. */
    @Min(16)
    @Max(SubnetPool.LONGEST_SIZE)
    @JsonProperty
    private int size = 24;

    public String getPool() {
        return pool;
    }

    public int getSize() {
        return size;
    }

    @ValidationMethod(message = "networks.pool must be an IPv4 subnet such as 10.212.0.0/16, starting on its prefix's boundary,"
            + " no smaller than networks.size")
    public boolean isPoolValid() {
        try {
            subnets();
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The pool tenants' subnets are carved from; empty: Docker's default pools. */
    public Optional<SubnetPool> subnets() {
        return pool == null || pool.isBlank() ? Optional.empty() : Optional.of(SubnetPool.parse(pool, size));
    }
}
