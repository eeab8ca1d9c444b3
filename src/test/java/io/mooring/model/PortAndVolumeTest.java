package io.mooring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PortAndVolumeTest {
    @Test
    void readsComposeShortPortSyntax() {
        assertThat(PortMapping.parse("8080")).isEqualTo(new PortMapping("", 0, 8080, "tcp"));
        assertThat(PortMapping.parse("18080:8080")).isEqualTo(new PortMapping("", 18080, 8080, "tcp"));
        assertThat(PortMapping.parse("127.0.0.1:18080:8080/udp")).isEqualTo(new PortMapping("127.0.0.1", 18080, 8080, "udp"));
        assertThat(PortMapping.parse("[::1]:53:53/udp")).isEqualTo(new PortMapping("::1", 53, 53, "udp"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65536", "80:99999", "http", "1:2:3:4/tcp", "80/icmp", "-1", "", "abc:80:80", "[zz::1]:53:53", "999.1.1.1:80:80", "[1::2::3]:53:53", "[::1%eth0]:53:53",
            "[127.0.0.1]:80:80", "localhost:80:80"})
    void rejectsPortsOutOfRangeOrMalformed(String text) {
        assertThatThrownBy(() -> PortMapping.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsNamedBindAndAnonymousVolumes() {
        assertThat(VolumeMount.parse("data:/data")).isEqualTo(new VolumeMount(VolumeMount.Kind.NAMED, "data", "/data", false));
        assertThat(VolumeMount.parse("/srv/x:/x:ro")).isEqualTo(new VolumeMount(VolumeMount.Kind.BIND, "/srv/x", "/x", true));
        assertThat(VolumeMount.parse("/cache")).isEqualTo(new VolumeMount(VolumeMount.Kind.ANONYMOUS, "", "/cache", false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"data:relative", "data:/x:rx", "da ta:/x", "a:/b:ro:extra", ":/x", "./data:/x", "~/data:/x", "../up:/x"})
    void rejectsMalformedVolumes(String text) {
        assertThatThrownBy(() -> VolumeMount.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    private static boolean clash(String a, String b) {
        PortMapping mine = PortMapping.parse(a);
        PortMapping theirs = PortMapping.parse(b);
        return mine.clashesWith(theirs.hostIp(), theirs.hostPort(), theirs.protocol());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[0::]:53:53", "[0:0:0:0:0:0:0:0]:53:53", "[::0]:53:53", "[::]:53:53"})
    void spellingsOfEveryIpv6AddressAreOne(String spelling) {
        assertThat(clash(spelling, "[::]:53:53")).isTrue();
        assertThat(clash("[0:0::]:53:53", spelling)).isTrue();
        assertThat(clash(spelling, "[2001:db8::7]:53:53")).as("every IPv6 address overlaps any").isTrue();
        assertThat(clash(spelling, "127.0.0.1:53:53")).as("but no IPv4 one").isFalse();
    }

    @Test
    void hostAddressesCompareAsAddressesNotAsText() {
        assertThat(clash("[::1]:53:53", "[0:0:0:0:0:0:0:1]:53:53")).isTrue();
        assertThat(clash("[::1]:53:53", "[0000::0001]:53:53")).isTrue();
        assertThat(clash("[2001:DB8::1]:53:53", "[2001:db8:0:0::1]:53:53")).isTrue();
        assertThat(clash("[::ffff:127.0.0.1]:53:53", "[::ffff:7f00:1]:53:53")).isTrue();
        assertThat(clash("[::1]:53:53", "[::2]:53:53")).isFalse();
        assertThat(clash("127.0.0.1:53:53", "127.0.0.01:53:53")).isTrue();
    }

    @Test
    void ipv4AndIpv6AreSeparateFamiliesButAnUnspecifiedAddressIsBoth() {
        assertThat(clash("0.0.0.0:53:53", "[::]:53:53")).isFalse();
        assertThat(clash("127.0.0.1:53:53", "[::]:53:53")).isFalse();
        assertThat(clash("0.0.0.0:53:53", "[::1]:53:53")).isFalse();
        assertThat(clash("0.0.0.0:53:53", "127.0.0.1:53:53")).isTrue();
        assertThat(clash("53:53", "[::1]:53:53")).isTrue();
        assertThat(clash("53:53", "127.0.0.1:53:53")).isTrue();
        assertThat(PortMapping.everyAddress("0:0::0")).isTrue();
        assertThat(PortMapping.everyAddress("::1")).isFalse();
    }
}
