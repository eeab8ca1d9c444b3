package io.mooring.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.model.DeviceMapping;
import io.mooring.model.ServiceDefinition;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Compose's {@code devices} in components.yml: the short and long syntax, and every mistake at its line. */
class DevicesReaderTest {
    private static List<ServiceDefinition> read(String yaml) {
        return ComponentsReader.read("components.yml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheShortAndLongSyntax() {
        ServiceDefinition web = read("""
                services:
                  web:
                    image: nginx
                    devices:
                      - /dev/null
                      - /dev/zero:/dev/nothing
                      - /dev/snd:r
                      - /dev/ttyUSB0:/dev/modem:rw
                      - {source: /dev/fuse}
                      - {source: /dev/net/tun, target: /dev/tun, permissions: rwm}
                """).get(0);

        assertThat(web.access().devices()).extracting(DeviceMapping::toString).containsExactly("/dev/null:/dev/null:rwm",
                "/dev/zero:/dev/nothing:rwm", "/dev/snd:/dev/snd:r", "/dev/ttyUSB0:/dev/modem:rw", "/dev/fuse:/dev/fuse:rwm",
                "/dev/net/tun:/dev/tun:rwm");
        assertThat(web.at("devices").line()).as("where the list starts").isEqualTo(5);
    }

    @Test
    void refusesBadDevicesEachAtItsLine() {
        assertThatThrownBy(() -> read("""
                services:
                  web:
                    image: nginx
                    devices:
                      - dev/null
                      - /dev/null:/dev/null:rwx
                      - /dev/../etc/shadow
                      - /dev/${device}
                      - {target: /dev/x}
                      - {source: /dev/fuse, mode: rw}
                      - /dev/zero:/dev/z
                      - /dev/null:/dev/z
                      - a:b:c:d
                """)).hasMessageContaining("components.yml:5:9: services.web.devices: device host path 'dev/null' must be a plain"
                        + " absolute path such as /dev/snd")
                .hasMessageContaining("components.yml:6:9: services.web.devices: permissions 'rwx' must be one or more of r, w and m")
                .hasMessageContaining("components.yml:7:9: services.web.devices: device host path '/dev/../etc/shadow'")
                .hasMessageContaining("components.yml:8:9: services.web.devices: '/dev/${device}': variables are not allowed in devices")
                .hasMessageContaining("components.yml:9:9: services.web.devices: a device written as a mapping needs source")
                .hasMessageContaining("components.yml:10:29: unknown key 'mode' in services.web.devices")
                .hasMessageContaining("components.yml:12:9: services.web.devices: /dev/z is given to the container twice")
                .hasMessageContaining("components.yml:13:9: services.web.devices: 'a:b:c:d' is not a device like /dev/snd");
    }

    @Test
    void aListIsRequired() {
        assertThatThrownBy(() -> read("services:\n  web:\n    image: nginx\n    devices: /dev/null\n"))
                .hasMessageContaining("components.yml:4:14: services.web.devices must be a list");
    }
}
