package io.mooring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeviceMappingTest {
    @Test
    void parsesComposesShortSyntaxAsDockerDoes() {
        assertThat(DeviceMapping.parse("/dev/null")).isEqualTo(new DeviceMapping("/dev/null", "/dev/null", "rwm"));
        assertThat(DeviceMapping.parse("/dev/null:/dev/void")).isEqualTo(new DeviceMapping("/dev/null", "/dev/void", "rwm"));
        assertThat(DeviceMapping.parse("/dev/null:rw")).isEqualTo(new DeviceMapping("/dev/null", "/dev/null", "rw"));
        assertThat(DeviceMapping.parse("/dev/null:/dev/void:m")).isEqualTo(new DeviceMapping("/dev/null", "/dev/void", "m"));
    }

    @Test
    void refusesWhatIsNotAPlainDevicePathOrPermission() {
        for (String bad : new String[] {"", "null", "/dev/null:void", "/dev/null:/dev/void:rr", "/dev/null:/dev/void:x", "/dev//null",
                "/dev/./null", "/dev/null:/dev/void:rw:x", "/dev/n ull", "nvidia.com/gpu=all"}) {
            assertThatThrownBy(() -> DeviceMapping.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aGrantCoversTheDeviceOrAFolderAboveIt() {
        DeviceMapping card = DeviceMapping.parse("/dev/snd/controlC0");
        assertThat(card.grantedBy("/dev/snd/controlC0")).isTrue();
        assertThat(card.grantedBy("/dev/snd")).isTrue();
        assertThat(card.grantedBy("/dev/snd/")).isTrue();
        assertThat(card.grantedBy("/dev/sn")).isFalse();
        assertThat(card.grantedBy("/dev/snd/controlC")).isFalse();
    }
}
