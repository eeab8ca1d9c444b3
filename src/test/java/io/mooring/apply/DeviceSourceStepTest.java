package io.mooring.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.model.DesiredContainer;
import io.mooring.model.DeviceMapping;
import io.mooring.model.Grant;
import io.mooring.model.Guardrails;
import io.mooring.model.HostAccess;
import io.mooring.model.ImageRef;
import io.mooring.model.Rollout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A granted device path that is a link to a device the agent did not grant is refused before the container is created. */
class DeviceSourceStepTest {
    @TempDir
    Path tmp;
    private Path granted;
    private Guardrails guardrails;

    @BeforeEach
    void setUp() throws Exception {
        granted = Files.createDirectories(tmp.toRealPath().resolve("snd"));
        guardrails = new Guardrails(false, false, false, false, List.of(), Set.of(), Map.of("acme",
                new Grant(false, false, Set.of(), List.of(), Set.of(granted.toString()))), Map.of(), List.of());
    }

    private static DesiredContainer with(String device) {
        HostAccess access = new HostAccess(false, "", "", List.of(), "", List.of(DeviceMapping.parse(device + ":/dev/audio")));
        return new DesiredContainer("acme", "web", "acme-web", ImageRef.parse("registry.example/web:1"), List.of(), new TreeMap<>(),
                List.of(), List.of(), "unless-stopped", new TreeMap<>(), List.of(), null, access, List.of(), Rollout.DEFAULT,
                new TreeMap<>(), "hash");
    }

    @Test
    void aGrantedPathLinkedToAnUngrantedDeviceIsRefusedNamingTheLink() throws Exception {
        Path link = Files.createSymbolicLink(granted.resolve("controlC0"), Path.of("/dev/null"));

        StepResult result = new DeviceSourceStep(with(link.toString()), "create", guardrails).run();

        assertThat(result.failed()).isTrue();
        assertThat(result.message()).isEqualTo("device " + link + " of service web passes through the symbolic link " + link
                + " to /dev/null, which is not granted to tenant acme or image registry.example/web (granted: [" + granted + "]);"
                + " refused, nothing was changed");
    }

    @Test
    void aLinkThatStaysWithinTheGrantAPlainDeviceAndAMissingOneAreLeftAlone() throws Exception {
        Path real = Files.writeString(granted.resolve("pcmC0D0p"), "");
        Path link = Files.createSymbolicLink(granted.resolve("default"), real);

        assertThat(new DeviceSourceStep(with(link.toString()), "create", guardrails).run().failed()).isFalse();
        assertThat(new DeviceSourceStep(with(real.toString()), "create", guardrails).run().failed()).isFalse();
        assertThat(new DeviceSourceStep(with(granted.resolve("gone").toString()), "create", guardrails).run().failed()).isFalse();
    }
}
