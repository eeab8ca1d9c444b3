package io.mooring.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.mooring.model.ComposeResources;
import io.mooring.model.ContainerOptions.FileMount;
import io.mooring.model.Location;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's folder of delivered secrets: a private tmpfs folder, files written whole with their mode, pruned by key. */
class FileFolderTest {
    private final Path shm = Path.of("/dev/shm", "mooring-test-" + UUID.randomUUID());
    private final FileFolder folder = new FileFolder(shm.resolve("files"));

    @AfterEach
    void tearDown() throws IOException {
        if (Files.exists(shm)) {
            try (Stream<Path> all = Files.walk(shm)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static FileMount file(String content, int mode) {
        return new FileMount(true, "pw", "/run/secrets/pw", mode, 0, 0,
                new ComposeResources.FileSource("pw.txt", content.getBytes(StandardCharsets.UTF_8), new Location("components.yml", 1, 1)));
    }

    @Test
    void refusesAFolderThatIsNotOnATmpfs(@TempDir Path tmp) throws IOException {
        assumeThat(Files.getFileStore(tmp).type()).isNotEqualTo("tmpfs");
        assertThatThrownBy(() -> new FileFolder(tmp.resolve("files")).check()).isInstanceOf(EngineException.class)
                .hasMessageContaining("not a tmpfs").hasMessageContaining("secrets.filesDir");
    }

    @Test
    void refusesAFolderOthersCanReadOrALink() throws IOException {
        Files.createDirectories(shm.resolve("files"));
        Files.setPosixFilePermissions(shm.resolve("files"), PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThatThrownBy(folder::check).hasMessageContaining("rwxr-xr-x, not rwx------");
        Files.createSymbolicLink(shm.resolve("link"), shm.resolve("files"));
        assertThatThrownBy(() -> new FileFolder(shm.resolve("link")).check()).hasMessageContaining("symbolic link");
    }

    @Test
    void makesTheFolderPrivateAndWritesOnlyWhatIsMissingOrWrong() throws IOException {
        Files.createDirectories(shm);
        FileMount pw = file("s3cr3t", 0440);
        assertThat(folder.deliver("acme", List.of(pw))).containsExactly(pw.key());
        Path written = folder.source("acme", pw);
        assertThat(Files.readString(written)).isEqualTo("s3cr3t");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written))).isEqualTo("r--r-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written.getParent()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.root()))).isEqualTo("rwx------");
        assertThat(folder.deliver("acme", List.of(pw))).as("present: the cheap check").isEmpty();

        Files.setPosixFilePermissions(written, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertThat(folder.deliver("acme", List.of(pw))).containsExactly(pw.key());
        Files.delete(written);
        assertThat(folder.deliver("acme", List.of(pw))).containsExactly(pw.key());
        assertThat(Files.readString(written)).isEqualTo("s3cr3t");
    }

    @Test
    void aLinkPlantedWhereAFileGoesIsReplacedNeverFollowed() throws IOException {
        Files.createDirectories(shm);
        FileMount pw = file("s3cr3t", 0444);
        folder.deliver("acme", List.of(file("other", 0444)));
        Path elsewhere = Files.writeString(shm.resolve("elsewhere"), "untouched");
        Files.createSymbolicLink(folder.source("acme", pw), elsewhere);
        folder.deliver("acme", List.of(pw));
        assertThat(Files.isSymbolicLink(folder.source("acme", pw))).isFalse();
        assertThat(Files.readString(elsewhere)).isEqualTo("untouched");
    }

    @Test
    void pruneKeepsWhatIsNamedAndTheFolderGoesWithItsLastFile() throws IOException {
        Files.createDirectories(shm);
        FileMount kept = file("kept", 0444);
        FileMount gone = file("gone", 0444);
        folder.deliver("acme", List.of(kept, gone));
        assertThat(folder.prune("acme", Set.of(kept.key()))).isEqualTo(1);
        assertThat(folder.source("acme", gone)).doesNotExist();
        assertThat(folder.source("acme", kept)).exists();
        assertThat(folder.keysOf("acme", List.of(folder.source("acme", kept).toString(), "/srv/acme/" + kept.key())))
                .containsExactly(kept.key());
        assertThat(folder.prune("acme", Set.of())).isEqualTo(1);
        assertThat(folder.root().resolve("acme")).doesNotExist();
    }

    @Test
    void aTenantNameThatIsNotAFolderNameIsRefused() {
        assertThatThrownBy(() -> folder.source("../etc", file("x", 0444))).isInstanceOf(EngineException.class);
    }
}
