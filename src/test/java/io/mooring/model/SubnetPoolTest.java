package io.mooring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tenant subnets carved from the agent's pool: the first one no engine network overlaps. */
class SubnetPoolTest {
    private final SubnetPool pool = SubnetPool.parse("10.212.0.0/16", 24);

    @Test
    void anEmptyEngineGivesThePoolsFirstSubnet() {
        assertThat(pool.firstFree(List.of())).contains("10.212.0.0/24");
        assertThat(pool.capacity()).isEqualTo(256);
    }

    @Test
    void networksOutsideThePoolAndIpv6OnesAreNotInTheWay() {
        assertThat(pool.firstFree(List.of("172.17.0.0/16", "192.168.0.0/20", "fd00:1::/64", "10.213.0.0/24", "", "nonsense")))
                .contains("10.212.0.0/24");
    }

    @Test
    void takenSubnetsAreSkippedInWhateverOrderTheEngineListsThem() {
        assertThat(pool.firstFree(List.of("10.212.1.0/24", "10.212.0.0/24", "10.212.3.0/24"))).contains("10.212.2.0/24");
    }

    @Test
    void aSmallerNetworkInsideACandidateRulesOutTheWholeCandidate() {
        assertThat(pool.firstFree(List.of("10.212.0.128/25"))).contains("10.212.1.0/24");
        assertThat(pool.firstFree(List.of("10.212.0.200/30"))).contains("10.212.1.0/24");
    }

    @Test
    void aLargerNetworkCoveringSeveralCandidatesIsSkippedAtOnce() {
        assertThat(pool.firstFree(List.of("10.212.0.0/22", "10.212.4.0/24"))).contains("10.212.5.0/24");
    }

    @Test
    void aSubnetWrittenFromAnAddressInsideItCountsFromItsNetworkAddress() {
        assertThat(pool.firstFree(List.of("10.212.0.1/24"))).contains("10.212.1.0/24");
    }

    @Test
    void aNetworkCoveringThePoolLeavesNothing() {
        assertThat(pool.firstFree(List.of("10.0.0.0/8"))).isEmpty();
    }

    @Test
    void aFullPoolLeavesNothingAndTheLastSubnetIsUsed() {
        List<String> taken = new ArrayList<>();
        for (int i = 0; i < 255; i++) {
            taken.add("10.212." + i + ".0/24");
        }
        assertThat(pool.firstFree(taken)).contains("10.212.255.0/24");
        taken.add("10.212.255.0/24");
        assertThat(pool.firstFree(taken)).isEmpty();
    }

    @Test
    void theSubnetSizeIsThePools() {
        SubnetPool small = SubnetPool.parse("10.99.0.0/24", 28);
        assertThat(small.capacity()).isEqualTo(16);
        assertThat(small.firstFree(List.of("10.99.0.0/28", "10.99.0.16/29"))).contains("10.99.0.32/28");
        assertThat(SubnetPool.parse("10.212.0.0/16", 16).firstFree(List.of())).contains("10.212.0.0/16");
    }

    @Test
    void badPoolsAreRefusedSayingWhy() {
        assertThatThrownBy(() -> SubnetPool.parse("10.212.0.0", 24)).hasMessageContaining("not an IPv4 subnet such as 10.212.0.0/16");
        assertThatThrownBy(() -> SubnetPool.parse("10.212.300.0/16", 24)).hasMessageContaining("not an IPv4 subnet");
        assertThatThrownBy(() -> SubnetPool.parse("fd00::/64", 24)).hasMessageContaining("not an IPv4 subnet");
        assertThatThrownBy(() -> SubnetPool.parse("10.212.1.0/16", 24)).hasMessageContaining("write 10.212.0.0/16");
        assertThatThrownBy(() -> SubnetPool.parse("10.212.0.0/16", 8)).hasMessageContaining("size must be between the pool's prefix (16) and 29");
        assertThatThrownBy(() -> SubnetPool.parse("10.212.0.0/16", 30)).hasMessageContaining("and 29, not 30");
        assertThatThrownBy(() -> SubnetPool.parse("10.0.0.0/30", 30)).hasMessageContaining("prefix must be between /1 and /29");
    }

    @Test
    void holdsASubnetInsideThePoolNoLargerThanItsTenantSubnets() {
        SubnetPool pool = SubnetPool.parse("10.212.0.0/16", 24);
        org.assertj.core.api.Assertions.assertThat(pool.holdsSubnet("10.212.7.0/24")).isTrue();
        org.assertj.core.api.Assertions.assertThat(pool.holdsSubnet("10.212.7.128/25")).isTrue();
        org.assertj.core.api.Assertions.assertThat(pool.holdsSubnet("10.212.0.0/23")).as("larger than a tenant's").isFalse();
        org.assertj.core.api.Assertions.assertThat(pool.holdsSubnet("10.213.0.0/24")).as("outside").isFalse();
        org.assertj.core.api.Assertions.assertThat(pool.holdsSubnet("192.168.0.0/16")).isFalse();
        org.assertj.core.api.Assertions.assertThat(pool.holdsSubnet("garbage")).isFalse();
    }
}
