package io.mooring.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BindSourceStepTest {
    @TempDir
    Path tmp;

    @Test
    void findsALinkAnywhereOnThePathAndNoneOnAPlainOne() throws Exception {
        Path root = tmp.toRealPath();
        Path plain = Files.createDirectories(root.resolve("acme/conf"));
        Path link = Files.createSymbolicLink(root.resolve("acme/etc-link"), Path.of("/etc"));
        assertThat(BindSourceStep.firstLink(plain)).isEmpty();
        assertThat(BindSourceStep.firstLink(link)).contains(link);
        assertThat(BindSourceStep.firstLink(link.resolve("ssl/certs"))).contains(link);
    }

    @Test
    void aPathNotThereYetHasNoLink() throws Exception {
        assertThat(BindSourceStep.firstLink(tmp.toRealPath().resolve("later/conf"))).isEmpty();
    }
}
