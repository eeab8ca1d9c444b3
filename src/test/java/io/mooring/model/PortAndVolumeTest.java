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
    @ValueSource(strings = {"0", "65536", "80:99999", "http", "1:2:3:4/tcp", "80/icmp", "-1", "", "abc:80:80", "[zz::1]:53:53"})
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
}
