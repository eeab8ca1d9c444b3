package io.mooring.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostAccessTest {
    @Test
    void noneIsWhatEqualsNoneAndNothingElse() {
        assertThat(HostAccess.NONE.none()).isTrue();
        assertThat(new HostAccess(false, null, null, List.of(), null).none()).isTrue();
        List<HostAccess> asking = List.of(new HostAccess(true, "", "", List.of(), ""), new HostAccess(false, "host", "", List.of(), ""),
                new HostAccess(false, "", "host", List.of(), ""), new HostAccess(false, "", "", List.of("NET_ADMIN"), ""),
                new HostAccess(false, "", "", List.of(), "host"),
                new HostAccess(false, "", "", List.of(), "", List.of(DeviceMapping.parse("/dev/fuse"))));
        for (HostAccess access : asking) {
            assertThat(access.none()).as(access.toString()).isFalse();
            assertThat(access).isNotEqualTo(HostAccess.NONE);
        }
    }
}
