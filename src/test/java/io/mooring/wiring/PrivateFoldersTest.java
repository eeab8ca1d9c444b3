package io.mooring.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFoldersTest {
    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void createsTheHomeAndBackupsFoldersForTheOwnerAlone(@TempDir Path tmp) throws IOException {
        Path home = tmp.resolve("var/lib/mooring");
        PrivateFolders.prepare(home, home.resolve("backups"));
        assertThat(mode(home)).isEqualTo("rwx------");
        assertThat(mode(home.resolve("backups"))).isEqualTo("rwx------");
    }

    @Test
    void narrowsExistingFoldersAndFilesThatOthersCouldReadToTheOwner(@TempDir Path tmp) throws IOException {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path mirror = Files.createDirectories(home.resolve("mirrors/repo.git/objects"));
        Path state = Files.writeString(home.resolve("state.mv.db"), "h2");
        Path pack = Files.writeString(mirror.resolve("pack"), "git");
        for (Path p : new Path[] {home, mirror, home.resolve("mirrors")}) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(pack, PosixFilePermissions.fromString("r--rw-rw-"));

        PrivateFolders.prepare(home);

        assertThat(mode(home)).isEqualTo("rwx------");
        assertThat(mode(mirror)).isEqualTo("rwx------");
        assertThat(mode(state)).isEqualTo("rw-------");
        assertThat(mode(pack)).as("the owner's own bits are kept").isEqualTo("r--------");
    }

    @Test
    void neverFollowsALinkOutOfTheFolder(@TempDir Path tmp) throws IOException {
        Path outside = Files.writeString(tmp.resolve("outside"), "not the agent's");
        Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rw-r--r--"));
        Path home = Files.createDirectories(tmp.resolve("home"));
        Files.createSymbolicLink(home.resolve("link"), outside);

        PrivateFolders.prepare(home);

        assertThat(mode(outside)).isEqualTo("rw-r--r--");
    }
}
